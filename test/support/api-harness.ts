import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { request } from 'undici';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { DEFAULT_OPTIONS, type AppOptions } from '../../apps/api/src/config/app-options.js';

export const ADMIN_TOKEN = 'integration-test-token-0123456789';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface ApiHarness {
  baseUrl: string;
  dataDir: string;
  /** The Nest application, for tests that look inside a module (e.g. a stack's time-series store). */
  app: INestApplication;
  call<T = any>(method: string, path: string, body?: unknown, options?: { token?: string | null; raw?: string }): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/**
 * Integration level: the real API (in this process) on a loopback port, with a fresh data dir.
 * `overrides` sets other options, e.g. `webDist` so the end-to-end tests get the built UI at `/`.
 */
export async function startApi(dataDir = mkdtempSync(join(tmpdir(), 'firedrill-it-')), overrides: Partial<AppOptions> = {}): Promise<ApiHarness> {
  const app = await createApp({ ...DEFAULT_OPTIONS, port: 0, dataDir, adminToken: ADMIN_TOKEN, ...overrides }, false);
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    baseUrl,
    dataDir,
    app,
    call: (method, path, body, options = {}) => callApi(baseUrl, method, path, body, options),
    close: () => app.close(),
  };
}

export async function callApi<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  options: { token?: string | null; raw?: string } = {},
): Promise<ApiResponse<T>> {
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const response = await request(`${baseUrl}${path}`, {
    method: method as 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: payload,
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text ? JSON.parse(text) : undefined };
}

/** Polls `check` until it stops throwing (or the deadline passes, rethrowing the last failure). */
export async function eventually<T>(check: () => Promise<T>, { timeoutMs = 15_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
