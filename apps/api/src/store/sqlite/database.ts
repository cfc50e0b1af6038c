import BetterSqlite3 from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { SchemaTooNewError } from './errors.js';
import { checkMigrationOrder, MIGRATIONS, type Migration } from './migrations.js';

/** The file name of the store inside the data directory. */
export const DATABASE_FILE = 'firedrill.db';

export interface DatabaseOptions {
  /** The schema steps to apply; the real ones unless a test says otherwise. */
  migrations?: readonly Migration[];
  /** How long a write waits for another connection's write lock before failing. */
  busyTimeoutMs?: number;
}

/**
 * The SQLite file behind drills. Opening it sets the pragmas the safety invariants rely on and
 * brings the schema up to date; nothing else in the store touches pragmas or DDL.
 */
export class Database {
  private closed = false;

  private constructor(
    readonly path: string,
    readonly connection: BetterSqlite3.Database,
    /** The schema version after migrating. */
    readonly schemaVersion: number,
  ) {}

  static open(path: string, options: DatabaseOptions = {}): Database {
    const migrations = options.migrations ?? MIGRATIONS;
    checkMigrationOrder(migrations);
    if (path !== ':memory:') createPrivateFile(path);
    const connection = new BetterSqlite3(path);
    try {
      // WAL: readers never block the writer. synchronous=FULL: a commit is fsynced before it
      // returns, which is what makes "durable before acknowledged" hold across power loss.
      connection.pragma('journal_mode = WAL');
      connection.pragma('synchronous = FULL');
      connection.pragma('foreign_keys = ON');
      connection.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
      const version = migrate(connection, path, migrations);
      return new Database(path, connection, version);
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Runs `work` in one write transaction, taking the write lock up front (BEGIN IMMEDIATE) so two
   * connections never deadlock upgrading a read to a write. Nested calls become savepoints.
   */
  write<T>(work: () => T): T {
    return this.connection.transaction(work).immediate();
  }

  /** Idempotent; later calls through this object fail with better-sqlite3's "not open" error. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.close();
  }
}

/** Creates the file owner-only before SQLite does: it holds answer keys (scenarios) too. */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  closeSync(openSync(path, 'a', 0o600));
}

function migrate(connection: BetterSqlite3.Database, path: string, migrations: readonly Migration[]): number {
  connection.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const currentVersion = connection.prepare<[], number>('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck();
  const record = connection.prepare<[number, number]>('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  const known = migrations.length;
  const found = currentVersion.get() ?? 0;
  if (found > known) throw new SchemaTooNewError(path, found, known);
  for (const migration of migrations) {
    // Re-read inside the write lock: another process may have applied it since.
    const apply = connection.transaction(() => {
      const current = currentVersion.get() ?? 0;
      if (current > known) throw new SchemaTooNewError(path, current, known);
      if (current >= migration.version) return;
      if (typeof migration.up === 'string') connection.exec(migration.up);
      else migration.up(connection);
      record.run(migration.version, Date.now());
    });
    if (found < migration.version) apply.immediate();
  }
  return currentVersion.get() ?? 0;
}
