import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_OPTIONS } from '../config/app-options.js';

export interface GateTarget {
  baseUrl: string;
  token: string;
  /** Stops what the gate started (nothing for a remote API). */
  close(): Promise<void>;
}

/**
 * `--target embedded`: the API booted in this process on a loopback port, with a throw-away data
 * dir and a random facilitator token, so the gate uses the same HTTP path as against a remote
 * API. `close` stops every stack (the app's shutdown hooks) and removes the data dir.
 */
export async function startEmbeddedApi(): Promise<GateTarget> {
  const dataDir = await mkdtemp(join(tmpdir(), 'firedrill-gate-'));
  const token = randomBytes(24).toString('base64url');
  try {
    const { createApp } = await import('../bootstrap.js');
    // Logger off: the gate's own progress is the output; failures reach it through the API's answers.
    const app = await createApp({ ...DEFAULT_OPTIONS, host: '127.0.0.1', port: 0, dataDir, adminToken: token }, false);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    let closed = false;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      token,
      close: async () => {
        if (closed) return;
        closed = true;
        try {
          await app.close();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
