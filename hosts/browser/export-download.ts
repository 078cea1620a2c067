/**
 * GET /download/export/<id>: the finished export file, streamed from disk. The JSON
 * contract cannot carry a large file, so the export op writes it under <data>/exports
 * and this route hands it to the browser. The id is an unguessable 144-bit job id, and
 * the file is served only while the session that started the export is logged in
 * (ExportJobs.download checks that and audits the download).
 */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Core } from '../../db/core.js';
import { exportJobs } from '../../db/accounting/exports/jobs.js';

export const EXPORT_DOWNLOAD_PREFIX = '/download/export/';

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** RFC 6266: an ASCII fallback plus the UTF-8 Chinese name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function serveExportDownload(core: Core, pathname: string, res: ServerResponse): Promise<void> {
  const id = pathname.slice(EXPORT_DOWNLOAD_PREFIX.length);
  const found = /^[A-Za-z0-9_-]{16,40}$/.test(id) ? exportJobs(core).download(id) : null;
  if (!found) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('文件不存在，或登录已结束：请重新导出');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[found.fileName.split('.').pop() ?? ''] ?? 'application/octet-stream',
    'Content-Length': found.bytes,
    'Content-Disposition': contentDisposition(found.fileName),
    'Cache-Control': 'no-store',
  });
  await pipeline(createReadStream(found.file), res);
}
