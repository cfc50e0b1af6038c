import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from './database.js';
import { SchemaTooNewError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { temporaryDataDir } from './testing/store-fixture.js';

describe('Database', () => {
  let data: ReturnType<typeof temporaryDataDir>;
  beforeEach(() => (data = temporaryDataDir()));
  afterEach(() => data.remove());

  it('opens with WAL, synchronous FULL, foreign keys and a busy timeout, owner-only', () => {
    const database = Database.open(data.dbPath);
    const pragma = (name: string) => database.connection.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBeGreaterThan(0);
    expect(statSync(data.dbPath).mode & 0o777).toBe(0o600);
    database.close();
    database.close();
    expect(database.isOpen).toBe(false);
  });

  it('applies each migration once: opening twice changes nothing', () => {
    const first = Database.open(data.dbPath);
    expect(first.schemaVersion).toBe(MIGRATIONS.length);
    const tables = () => first.connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const before = tables();
    first.close();

    const second = Database.open(data.dbPath);
    expect(second.schemaVersion).toBe(MIGRATIONS.length);
    const versions = second.connection.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(second.connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(before);
    expect(before).toEqual(expect.arrayContaining(['drills', 'drill_events', 'participants', 'scores', 'postmortems', 'schema_migrations']));
    second.close();
  });

  it('upgrades an older file with only the missing steps', () => {
    const extra: Migration = { version: MIGRATIONS.length + 1, name: 'notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY)' };
    Database.open(data.dbPath).close();
    const upgraded = Database.open(data.dbPath, { migrations: [...MIGRATIONS, extra] });
    expect(upgraded.schemaVersion).toBe(extra.version);
    upgraded.close();
  });

  it('rolls back a failing migration as a whole', () => {
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'half done',
      up: (connection) => {
        connection.exec('CREATE TABLE half (id INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => Database.open(data.dbPath, { migrations: [...MIGRATIONS, broken] })).toThrow('boom');
    const database = Database.open(data.dbPath);
    expect(database.schemaVersion).toBe(MIGRATIONS.length);
    expect(database.connection.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    database.close();
  });

  it('refuses a schema newer than the code knows, naming both versions', () => {
    const future: Migration = { version: MIGRATIONS.length + 1, name: 'future', up: 'CREATE TABLE future (id INTEGER)' };
    Database.open(data.dbPath, { migrations: [...MIGRATIONS, future] }).close();
    let error: unknown;
    try {
      Database.open(data.dbPath);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as Error).message).toContain(`schema version ${future.version}`);
    expect((error as Error).message).toContain(`up to ${MIGRATIONS.length}`);
  });

  it('rejects a migration list with a gap', () => {
    const gap: Migration = { version: MIGRATIONS.length + 2, name: 'gap', up: 'SELECT 1' };
    expect(() => Database.open(data.dbPath, { migrations: [...MIGRATIONS, gap] })).toThrow(/expected/);
  });
});
