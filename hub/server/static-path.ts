/**
 * Which file of the dashboard's folder a URL path names. A path that leads out of the
 * folder names nothing, also when it lands in a sibling whose name merely begins with the
 * folder's (`dashboard-x` beside `dashboard`): the test is path.relative, not a prefix.
 */
import { existsSync } from 'node:fs';
import { extname, isAbsolute, join, normalize, relative } from 'node:path';

function insideFolder(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The existing file (with an extension) inside `root` that `urlPath` names, or null. */
export function staticFile(root: string, urlPath: string): string | null {
  const file = normalize(join(root, urlPath === '/' ? 'index.html' : urlPath));
  return insideFolder(root, file) && existsSync(file) && extname(file) ? file : null;
}
