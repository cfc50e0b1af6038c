import { transformSync } from '@swc/core';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from './database.js';
import { DrillRepository } from './drill-repository.js';
import { temporaryDataDir } from './testing/store-fixture.js';

const STORE_DIR = dirname(fileURLToPath(import.meta.url));
const KILL_AFTER_ACKS = 30;

/**
 * A child process runs the real store code (compiled here with SWC, no build step) and appends
 * events, printing "acked N" only after appendEvent returned. The test SIGKILLs it on the first
 * acks it sees; every acked event must be in the file afterwards.
 */
const CHILD = `
import { Database } from './lib/database.js';
import { DrillRepository } from './lib/drill-repository.js';
const [path] = process.argv.slice(2);
const drills = new DrillRepository(Database.open(path));
drills.createDrill({ id: 'crash', scenarioId: 's', scenarioVersion: 1, scenario: {}, runbook: null, speed: 1 });
for (let n = 1; n <= 100000; n++) {
  const event = drills.appendEvent('crash', { type: 'status.posted', at: n, actor: { role: 'responder', name: 'ana' }, data: { text: 'update ' + n } });
  process.stdout.write('acked ' + event.seq + '\\n');
}
`;

function writeChild(dir: string): string {
  const lib = join(dir, 'lib');
  mkdirSync(lib);
  for (const file of readdirSync(STORE_DIR).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
    const source = readFileSync(join(STORE_DIR, file), 'utf8');
    const { code } = transformSync(source, { filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } });
    writeFileSync(join(lib, file.replace(/\.ts$/, '.js')), code);
  }
  // Let the compiled code resolve better-sqlite3 from the repository's node_modules.
  const betterSqlite = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
  symlinkSync(dirname(betterSqlite), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, 'child.js'), CHILD);
  return join(dir, 'child.js');
}

/** Runs the child until it has acked KILL_AFTER_ACKS events, kills it, returns the highest ack seen. */
function runAndKill(script: string, dbPath: string): Promise<{ lastAcked: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastAcked = 0;
    let output = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const lines = output.split('\n');
      output = lines.pop()!;
      for (const line of lines) {
        const match = /^acked (\d+)$/.exec(line);
        if (match) lastAcked = Math.max(lastAcked, Number(match[1]));
      }
      if (lastAcked >= KILL_AFTER_ACKS) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited (${code ?? signal}) before it was killed: ${stderr}`));
      else resolve({ lastAcked, signal });
    });
  });
}

describe('crash durability of the store', () => {
  let data: ReturnType<typeof temporaryDataDir>;
  beforeEach(() => (data = temporaryDataDir()));
  afterEach(() => data.remove());

  it('keeps every event acked before a SIGKILL', async () => {
    const script = writeChild(data.dir);
    const { lastAcked } = await runAndKill(script, data.dbPath);
    expect(lastAcked).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    const database = Database.open(data.dbPath);
    const events = new DrillRepository(database).events('crash');
    database.close();
    expect(events.length).toBeGreaterThanOrEqual(lastAcked);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events[lastAcked - 1]).toMatchObject({ seq: lastAcked, at: lastAcked, data: { text: `update ${lastAcked}` } });
  }, 20_000);
});
