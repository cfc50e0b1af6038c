import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/**
 * The replica network of docker-compose: replicas bound to every interface are reachable at an
 * address other than 127.0.0.1, and service discovery advertises them under the configured host.
 * 127.0.0.2 stands in for "another machine" while the traffic stays on loopback: a socket bound to
 * 127.0.0.1 does not answer there, one bound to 0.0.0.0 does.
 */

async function healthAt(host: string, port: number): Promise<number | string> {
  try {
    const response = await request(`http://${host}:${port}/healthz`, { headersTimeout: 2000, bodyTimeout: 2000 });
    await response.body.dump();
    return response.statusCode;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

function ports(stack: { services: Array<{ replicas: Array<{ port: number }> }> }): number[] {
  return stack.services.flatMap((service) => service.replicas.map((replica) => replica.port));
}

describe('replica network', () => {
  let api: ApiHarness | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('keeps the replicas on loopback by default', async () => {
    api = await startApi();
    const created = await api.call('POST', '/api/stacks', { loadRps: 0 });
    expect(created.status).toBe(201);
    const [port] = ports(created.body);
    expect(await healthAt('127.0.0.1', port!)).toBe(200);
    expect(await healthAt('127.0.0.2', port!)).toBe('ECONNREFUSED');
  });

  it('binds everywhere and advertises the configured host, while the API still drives them over loopback', async () => {
    api = await startApi(undefined, { replicaNetwork: { bindHost: '0.0.0.0', advertisedHost: '127.0.0.2' } });
    const created = await api.call('POST', '/api/stacks', { loadRps: 0 });
    expect(created.status).toBe(201);
    const stackPorts = ports(created.body);
    expect(stackPorts.length).toBeGreaterThanOrEqual(6);
    for (const port of stackPorts) expect(await healthAt('127.0.0.2', port)).toBe(200);
    expect(created.body.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);

    // Scaling up picks ports and binds the same way.
    const scaled = await api.call('POST', `/api/stacks/${created.body.id}/actions`, { action: 'scale', service: 'catalog', params: { replicas: 3 } });
    expect(scaled.status, JSON.stringify(scaled.body)).toBeLessThan(300);
    const view = await api.call('GET', `/api/stacks/${created.body.id}`);
    expect(ports(view.body).length).toBe(stackPorts.length + 1);
    for (const port of ports(view.body)) expect(await healthAt('127.0.0.2', port)).toBe(200);

    // Prometheus's HTTP service discovery names each replica by the advertised host.
    const sd = await api.call<Array<{ targets: string[]; labels: Record<string, string> }>>('GET', `/api/prometheus/sd?stack=${created.body.id}`);
    expect(sd.status).toBe(200);
    const targets = sd.body.flatMap((group) => group.targets);
    expect(targets.length).toBeGreaterThanOrEqual(6);
    for (const target of targets) expect(target).toMatch(/^127\.0\.0\.2:\d+$/);
  });
});
