import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

/**
 * A throwaway PostgreSQL server for the real-component tests: initdb into a temp dir, a free
 * loopback port, trust authentication for the `firedrill` superuser, removed by `stop()`.
 *
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
 * (the Debian package creates it); as that user it runs directly. The server is spawned with
 * that uid itself rather than through `runuser`, so the stop signal reaches postgres directly.
 */

/** Debian installs the server binaries under /usr/lib/postgresql/<major>/bin, not on PATH. */
function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim()) return onPath.stdout.trim().replace(/\/initdb$/, '');
  return undefined;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  const found = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return found.status === 0 && group.status === 0 ? { uid: Number(found.stdout.trim()), gid: Number(group.stdout.trim()) } : undefined;
}

const BIN_DIR = findBinDir();
const ME = userInfo().username;
const PG_USER = postgresUser();

/** Why the real PostgreSQL tests cannot run here, or undefined when they can. */
export const POSTGRES_UNAVAILABLE: string | undefined = !BIN_DIR
  ? 'PostgreSQL server binaries (initdb, postgres) not found (Debian package postgresql)'
  : process.getuid?.() === 0 && !PG_USER
    ? 'running as root and there is no `postgres` user to run the server as (PostgreSQL refuses root)'
    : process.getuid?.() !== 0 && ME !== 'postgres'
      ? `running as ${ME}: the test starts PostgreSQL as root (as the postgres user) or as postgres itself`
      : undefined;

export interface RunningPostgres {
  /** URL of the test database, as the `firedrill` superuser. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Spawn options that run a server binary as the `postgres` user when we are root. */
function asPostgres(cwd: string): { cwd: string; uid?: number; gid?: number; env: NodeJS.ProcessEnv } {
  const env = { ...process.env, LC_ALL: 'C' };
  return process.getuid?.() === 0 ? { cwd, uid: PG_USER!.uid, gid: PG_USER!.gid, env } : { cwd, env };
}

export async function startPostgresServer(options: { database?: string; maxConnections?: number } = {}): Promise<RunningPostgres> {
  if (POSTGRES_UNAVAILABLE) throw new Error(POSTGRES_UNAVAILABLE);
  const database = options.database ?? 'firedrill';
  const base = mkdtempSync(join(tmpdir(), 'firedrill-pg-'));
  const dataDir = join(base, 'data');
  const socketDir = base;
  if (process.getuid?.() === 0) chownSync(base, PG_USER!.uid, PG_USER!.gid);
  const remove = () => rmSync(base, { recursive: true, force: true });

  const init = spawnSync(join(BIN_DIR!, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'firedrill', '--no-sync', '-E', 'UTF8', '--locale', 'C'], {
    ...asPostgres(base),
    encoding: 'utf8',
  });
  if (init.status !== 0) {
    remove();
    throw new Error(`initdb failed: ${init.stdout}${init.stderr}`);
  }

  const port = await freePort();
  const args = ['-D', dataDir, '-p', String(port), '-k', socketDir, '-h', '127.0.0.1', '-c', `max_connections=${options.maxConnections ?? 200}`];
  // A throwaway server: durability is not needed, speed is.
  args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(join(BIN_DIR!, 'postgres'), args, { ...asPostgres(base), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const stop = async (): Promise<void> => {
    await kill(child);
    remove();
  };

  // Ready when it accepts a query; then the test database is created.
  const { default: pg } = await import('pg');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'firedrill', database: 'postgres' });
    try {
      await client.connect();
      await client.query(`CREATE DATABASE ${database}`);
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`PostgreSQL did not start on port ${port}: ${(error as Error).message}\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url: `postgres://firedrill@127.0.0.1:${port}/${database}`, port, stop };
}


/** SIGINT is PostgreSQL's fast shutdown (clients are disconnected, then it exits). */
function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT');
  });
}
