/**
 * The rule for an evidence photo, shared by the core (which enforces it) and the renderer
 * (which says so before sending): JPEG or PNG, told by the file's first bytes, at most
 * 512 KB (also the CHECK of migration 008).
 */
export const PHOTO_MAX_BYTES = 512 * 1024;

export type PhotoMime = 'image/jpeg' | 'image/png';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The picture's type from its own bytes, or null for anything else (a renamed PDF, a HEIC). */
export function sniffPhoto(bytes: Uint8Array): PhotoMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}

/** "600 KB" as the refusal shows it. */
export function photoSizeText(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}
