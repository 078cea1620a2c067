/**
 * The evidence photo of an entry (申报照片): one JPEG or PNG of at most 512 KB, stored in
 * the database with the entry in the same transaction, and shown to the reviewer. The type
 * is read from the file's own first bytes, never from its name or what the client says,
 * so a renamed document is refused as what it is.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../contract/errors.js';
import type { EntryPhotoView } from '../contract/views-points.js';
import type { StoreContext } from '../books/context.js';
import { PHOTO_MAX_BYTES, photoSizeText, sniffPhoto, type PhotoMime } from '../contract/photos.js';
import { query } from '../platform/query.js';

export interface PhotoInput {
  base64: string;
  fileName?: string | null | undefined;
}

/** Decodes and checks a photo before anything is written; throws the refusal in Chinese. */
export function checkedPhoto(photo: PhotoInput): { mime: PhotoMime; bytes: Buffer; fileName: string | null } {
  const bytes = Buffer.from(photo.base64.replace(/\s+/g, ''), 'base64');
  const fileName = photo.fileName?.trim() || null;
  if (bytes.length === 0) throw new AppError('PHOTO_EMPTY');
  if (bytes.length > PHOTO_MAX_BYTES) throw new AppError('PHOTO_TOO_LARGE', { size: photoSizeText(bytes.length), max: photoSizeText(PHOTO_MAX_BYTES) });
  const mime = sniffPhoto(bytes);
  if (!mime) throw new AppError('PHOTO_TYPE', { name: fileName ?? '' });
  return { mime, bytes, fileName };
}

/** Stores the photo of one entry; in the caller's transaction. */
export function insertPhoto(ctx: StoreContext, entryId: number, photo: ReturnType<typeof checkedPhoto>, createdAt: string): string {
  const sha256 = createHash('sha256').update(photo.bytes).digest('hex');
  query(ctx.db).run(
    'INSERT INTO entry_photos (entry_id, mime, bytes, sha256, file_name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    entryId,
    photo.mime,
    photo.bytes,
    sha256,
    photo.fileName,
    createdAt,
  );
  return sha256;
}

export function entryPhoto(ctx: StoreContext, entryId: number): EntryPhotoView {
  const r = query(ctx.db).get<{ mime: PhotoMime; bytes: Buffer; sha256: string; file_name: string | null }>(
    'SELECT mime, bytes, sha256, file_name FROM entry_photos WHERE entry_id = ?',
    entryId,
  );
  if (!r) throw new AppError('PHOTO_NOT_FOUND', { id: entryId });
  return { entryId, mime: r.mime, size: r.bytes.length, sha256: r.sha256, fileName: r.file_name, base64: r.bytes.toString('base64') };
}
