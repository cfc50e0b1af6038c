import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPLICA_ENTRY } from '@firedrill/demo-stack';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultLedger } from '../../apps/api/src/store/fault-ledger.js';
import { callApi, eventually } from '../support/api-harness.js';
import { isAlive, startApiProcess, type ApiProcess } from '../support/api-process.js';
import { freePorts } from '../../apps/api/src/stacks/embedded/ports.js';

const newDataDir = (): string => mkdtempSync(join(tmpdir(), 'firedrill-crash-'));
const pidsOf = (stack: { services: Array<{ replicas: Array<{ pid: number | null }> }> }): number[] =>
  stack.services.flatMap((service) => service.replicas.map((replica) => replica.pid!));

async function timeRequest(url: string): Promise<number> {
  const started = performance.now();
  const response = await request(url, { headersTimeout: 5000 });
  await response.body.dump();
  return performance.now() - started;
}

// Integration level: the real `firedrill start` process, killed, stopped and restarted.
describe('safety when the controller dies', () => {
  const running: ApiProcess[] = [];
  afterEach(async () => {
    for (const api of running.splice(0)) {
      api.child.kill('SIGCONT');
      api.child.kill('SIGKILL');
      await api.exited;
    }
  });

  it('a fault whose renewals stop (API frozen) reverts inside the replica within its lease', async () => {
    const api = await startApiProcess(newDataDir());
    running.push(api);
    // Speed 10: a 30 s lease lasts 3 wall seconds, renewed every wall second while the API lives.
    const stack = (await callApi(api.baseUrl, 'POST', '/api/stacks', { loadRps: 0, speed: 10 })).body;
    const fault = await callApi(api.baseUrl, 'POST', `/api/stacks/${stack.id}/faults`, {
      kind: 'latency',
      target: { service: 'gateway' },
      params: { delayMs: 400 },
      leaseSeconds: 30,
    });
    expect(fault.status).toBe(201);
    const productUrl = `${stack.gatewayUrl}/api/products/1`;
    expect(await timeRequest(productUrl)).toBeGreaterThan(390);
    // Renewals keep the fault alive past one lease…
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(await timeRequest(productUrl)).toBeGreaterThan(390);
    // …and when the controller freezes (no renewals, replicas still alive), the lease ends it.
    api.child.kill('SIGSTOP');
    const frozenAt = performance.now();
    await eventually(async () => expect(await timeRequest(productUrl)).toBeLessThan(100), { timeoutMs: 6000, intervalMs: 50 });
    const revertedAfterMs = performance.now() - frozenAt;
    expect(revertedAfterMs).toBeLessThan(3000 + 500);
    api.child.kill('SIGCONT');
  });

  it('a SIGKILLed API leaves no replica running, and the next start reverts its ledger leftovers', async () => {
    const dataDir = newDataDir();
    const api = await startApiProcess(dataDir);
    const stack = (await callApi(api.baseUrl, 'POST', '/api/stacks', { loadRps: 5 })).body;
    const fault = await callApi(api.baseUrl, 'POST', `/api/stacks/${stack.id}/faults`, {
      kind: 'error',
      target: { service: 'catalog' },
      params: { percent: 100 },
    });
    expect(fault.status).toBe(201);
    const pids = pidsOf(stack);
    expect(pids.every(isAlive)).toBe(true);
    api.child.kill('SIGKILL');
    await api.exited;
    await eventually(async () => expect(pids.filter(isAlive)).toEqual([]), { timeoutMs: 5000, intervalMs: 100 });
    expect(new FaultLedger(join(dataDir, 'fault-ledger.jsonl')).openFaults().map((open) => open.faultId)).toEqual([fault.body.id]);

    const restarted = await startApiProcess(dataDir);
    running.push(restarted);
    expect(new FaultLedger(join(dataDir, 'fault-ledger.jsonl')).openFaults()).toEqual([]);
    expect(restarted.output()).toContain('left over by a previous run');
  });

  it('on start-up, a leftover fault in a replica that is still alive is reverted through its agent', async () => {
    const dataDir = newDataDir();
    const token = 'leftover-agent-token-0123456789';
    const [port] = await freePorts(1);
    const replica = spawn(process.execPath, [REPLICA_ENTRY], {
      env: { ...process.env, FIREDRILL_SERVICE: 'payments', PORT: String(port), FIREDRILL_AGENT_TOKEN: token },
      stdio: 'ignore',
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      const agentCall = async (method: 'GET' | 'PUT', path: string, body?: unknown) => {
        const response = await request(`${url}/__firedrill${path}`, {
          method,
          headers: { 'x-firedrill-agent-token': token, 'content-type': 'application/json' },
          body: body ? JSON.stringify(body) : undefined,
        });
        return (await response.body.json()) as any;
      };
      await eventually(() => agentCall('GET', '/faults'));
      await agentCall('PUT', '/faults/flt-leftover', { fault: { kind: 'error', params: { percent: 100 } }, leaseMs: 600_000 });
      expect((await agentCall('GET', '/faults')).faults).toHaveLength(1);
      const ledger = new FaultLedger(join(dataDir, 'fault-ledger.jsonl'));
      ledger.append({ type: 'applied', faultId: 'flt-leftover', stackId: 'stk-old', kind: 'error', agents: [{ url, token }], at: Date.now() });
      ledger.close();

      running.push(await startApiProcess(dataDir));
      expect((await agentCall('GET', '/faults')).faults).toEqual([]);
      expect(readFileSync(join(dataDir, 'fault-ledger.jsonl'), 'utf8')).toBe('');
    } finally {
      replica.kill('SIGKILL');
    }
  });

  it('starts with a demo stack ready; SIGTERM reverts faults, stops every stack and exits cleanly', async () => {
    const api = await startApiProcess(newDataDir(), { demoStack: true });
    const stacks = (await callApi(api.baseUrl, 'GET', '/api/stacks')).body;
    expect(stacks).toHaveLength(1);
    expect(api.output()).toContain(`stack:    ${stacks[0].id}`);
    const stack = stacks[0];
    await callApi(api.baseUrl, 'POST', `/api/stacks/${stack.id}/faults`, { kind: 'latency', target: { service: 'catalog' }, params: { delayMs: 50 } });
    const pids = pidsOf(stack);
    api.child.kill('SIGTERM');
    const exit = await api.exited;
    expect(exit.code).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(api.output()).toMatch(/ended: stack stopped/);
  });
});
