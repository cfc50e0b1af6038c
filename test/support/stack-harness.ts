import { expect } from 'vitest';
import type { ApiHarness } from './api-harness.js';
import { delta, scrapeAll, total } from './metrics.js';

export interface StackInfo {
  id: string;
  gatewayUrl: string;
  services: Array<{ name: string; replicas: Array<{ id: string; port: number; pid: number | null; restarts: number; state: string; healthy: boolean }> }>;
}

export async function createStack(api: ApiHarness, body: Record<string, unknown> = {}): Promise<StackInfo> {
  const created = await api.call<StackInfo>('POST', '/api/stacks', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

export async function stackInfo(api: ApiHarness, id: string): Promise<StackInfo> {
  return (await api.call<StackInfo>('GET', `/api/stacks/${id}`)).body;
}

export function replicaUrls(stack: StackInfo, service: string): string[] {
  return stack.services.find((s) => s.name === service)!.replicas.map((replica) => `http://127.0.0.1:${replica.port}`);
}

/**
 * Scrapes a service's replicas until its request counter has grown by at least `minRequests`,
 * and returns the increase of every series over that window. The window ends on traffic, not
 * on a timer, so a slow machine gives a longer window, never a thinner one.
 */
export async function window(urls: string[], minRequests: number, timeoutMs = 30_000) {
  const before = await scrapeAll(urls);
  const start = total(before, 'http_requests_total');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = await scrapeAll(urls);
    if (total(after, 'http_requests_total') - start >= minRequests) return { increase: delta(before, after), after };
    if (Date.now() > deadline) throw new Error(`fewer than ${minRequests} requests within ${timeoutMs} ms`);
  }
}
