/**
 * 008: an optional evidence photo on an entry (a villager's claim at the counter: a
 * picture of the cleaned yard, a volunteer certificate). Kept in the database beside the
 * entry so that a backup carries it and the reviewer sees exactly what the keeper took;
 * JPEG or PNG only, at most 512 KB (the check here is the last word; the core refuses
 * earlier with a Chinese message). Like the entry, a photo is never changed or removed.
 */
export const sql = `
CREATE TABLE entry_photos (
  entry_id   INTEGER PRIMARY KEY REFERENCES point_entries(id),
  mime       TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  bytes      BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 524288),
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
  file_name  TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER entry_photos_no_update BEFORE UPDATE ON entry_photos
BEGIN SELECT RAISE(ABORT, 'entry_photos is append-only'); END;
CREATE TRIGGER entry_photos_no_delete BEFORE DELETE ON entry_photos
BEGIN SELECT RAISE(ABORT, 'entry_photos is append-only'); END;
`;
