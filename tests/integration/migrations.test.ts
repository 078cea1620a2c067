import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../db/platform/open.js';
import { migrations } from '../../db/platform/migrations/index.js';

describe('migrations', () => {
  it('are numbered 1..N without gaps and apply in order to an empty database', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(migrations.length);
    expect(schemaVersion(db)).toBe(migrations.length);
    // Every table is STRICT.
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT/);
    // Running again does nothing.
    expect(migrate(db)).toBe(migrations.length);
  });

  it('each migration N applies on top of N-1 with data in it', () => {
    for (let n = 2; n <= migrations.length; n++) {
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      migrate(db, migrations, n - 1);
      db.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run();
      migrate(db, migrations, n);
      expect(schemaVersion(db)).toBe(n);
      expect(db.prepare("SELECT value FROM settings WHERE key = 'probe'").pluck().get()).toBe('1');
    }
  });

  it('a failing migration rolls back whole and leaves the version', () => {
    const db = new Database(':memory:');
    const broken = [...migrations, { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE t (x INTEGER) STRICT; SELECT nonsense FROM nowhere;' }];
    migrate(db);
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 't'").pluck().get()).toBe(0);
  });

  it('refuses a database from a newer app', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer/);
  });
});
