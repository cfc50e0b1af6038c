import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ADMIN_TOKEN } from '../support/api-harness.js';
import { startApiProcess } from '../support/api-process.js';

describe('shutdown with browsers attached', () => {
  it('SIGTERM ends the API promptly even while a websocket client stays connected', async () => {
    const api = await startApiProcess(mkdtempSync(join(tmpdir(), 'firedrill-shutdown-')));
    const socket = new WebSocket(`${api.baseUrl.replace('http', 'ws')}/api/ws?token=${ADMIN_TOKEN}`);
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    const started = Date.now();
    api.child.kill('SIGTERM');
    const { code } = await api.exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect([1001, 1006]).toContain(await closed);
  });
});
