import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN } from './api-harness.js';

export const CLI = fileURLToPath(new URL('../../apps/api/dist/cli.js', import.meta.url));

export interface ApiProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `firedrill start` as a real process on a free port and waits for its banner. */
export async function startApiProcess(dataDir: string, { demoStack = false, timeoutMs = 20_000 } = {}): Promise<ApiProcess> {
  const child = spawn(process.execPath, [CLI, 'start', '--port', '0', '--data', dataDir, ...(demoStack ? [] : ['--no-stack'])], {
    env: { ...process.env, FIREDRILL_ADMIN_TOKEN: ADMIN_TOKEN, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /web UI:\s+(http:\/\/[^/\s]+)/.exec(output);
    if (match) return { child, baseUrl: match[1]!, output: () => output, exited };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`API did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
