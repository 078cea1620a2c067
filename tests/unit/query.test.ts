import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepared } from '../../db/platform/prepared.js';
import { query } from '../../db/platform/query.js';

function db() {
  const d = new Database(':memory:');
  d.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  d.prepare('INSERT INTO t (name) VALUES (?), (?)').run('甲', '乙');
  return d;
}

describe('query(db): the typed way to read and write', () => {
  it('reads rows, values and columns, and writes', () => {
    const q = query(db());
    expect(q.get<{ id: number; name: string }>('SELECT id, name FROM t WHERE id = ?', 2)).toEqual({ id: 2, name: '乙' });
    expect(q.get('SELECT id FROM t WHERE id = ?', 9)).toBeUndefined();
    expect(q.all<{ name: string }>('SELECT name FROM t ORDER BY id')).toEqual([{ name: '甲' }, { name: '乙' }]);
    expect(q.value<string>('SELECT name FROM t WHERE id = ?', 1)).toBe('甲');
    expect(q.value<string>('SELECT name FROM t WHERE id = ?', 9)).toBeUndefined();
    expect(q.column<string>('SELECT name FROM t ORDER BY id DESC')).toEqual(['乙', '甲']);
    expect(q.run('INSERT INTO t (name) VALUES (?)', '丙').changes).toBe(1);
    expect(q.scalar<number>('SELECT count(*) FROM t')).toBe(3);
  });

  it('one and scalar throw on a missing row instead of handing back undefined as a number', () => {
    const q = query(db());
    expect(() => q.one('SELECT id FROM t WHERE id = ?', 9)).toThrow(/no row/);
    expect(() => q.scalar('SELECT id FROM t WHERE id = ?', 9)).toThrow(/no row/);
  });

  it('the same SQL twice is one statement; a row read and a value read of the same SQL do not share a mode', () => {
    const d = db();
    expect(prepared(d, 'SELECT name FROM t WHERE id = ?')).toBe(prepared(d, 'SELECT name FROM t WHERE id = ?'));
    const q = query(d);
    expect(q.value<string>('SELECT name FROM t WHERE id = ?', 1)).toBe('甲');
    expect(q.get('SELECT name FROM t WHERE id = ?', 1)).toEqual({ name: '甲' });
  });

  it('keeps at most 1,000 statements per connection (SQL text built with values in it cannot grow it without end)', () => {
    const d = db();
    const first = prepared(d, 'SELECT 0');
    for (let i = 1; i <= 1000; i++) prepared(d, `SELECT ${i}`);
    // The oldest was dropped: asking again prepares a new statement.
    expect(prepared(d, 'SELECT 0')).not.toBe(first);
    expect(prepared(d, 'SELECT 1000')).toBe(prepared(d, 'SELECT 1000'));
  });
});
