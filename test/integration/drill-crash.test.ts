import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultLedger } from '../../apps/api/src/store/fault-ledger.js';
import { callApi, eventually } from '../support/api-harness.js';
import { isAlive, startApiProcess, type ApiProcess } from '../support/api-process.js';

/**
 * SIGKILL the API in the middle of a drill, start it again on the same data directory: every
 * event the API had acknowledged is still on the timeline, the drill is marked interrupted, and
 * neither its processes nor its faults survive.
 */
describe('a drill across an API crash', () => {
  const running: ApiProcess[] = [];

  afterEach(async () => {
    for (const api of running.splice(0)) {
      api.child.kill('SIGKILL');
      await api.exited;
    }
  });

  it('keeps every acknowledged event, marks the drill interrupted and leaves the stack clean', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'firedrill-drill-crash-'));
    const api = await startApiProcess(dataDir);
    running.push(api);
    const call = (method: string, path: string, body?: unknown, token?: string) => callApi(api.baseUrl, method, path, body, token ? { token } : {});

    const created = await call('POST', '/api/drills', { scenario: 'db-pool-exhaustion-traffic-spike', speed: 20, responders: ['alex'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const responder = created.body.joinLinks.find((link: { role: string }) => link.role === 'responder').token as string;
    expect((await call('POST', `/api/drills/${id}/start`)).status).toBe(200);
    await eventually(async () => {
      const events = (await call('GET', `/api/drills/${id}/timeline`)).body.events;
      expect(events.map((event: { type: string }) => event.type)).toContain('fault.injected');
    }, { timeoutMs: 30_000, intervalMs: 200 });
    // Acknowledged to the responder: these answers say the events are recorded.
    const ack = await call('POST', `/api/drills/${id}/ack`, {}, responder);
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    const status = await call('POST', `/api/drills/${id}/status-updates`, { text: 'Looking into checkout errors.' }, responder);
    expect(status.status).toBe(200);
    const acknowledged: Array<{ seq: number; type: string }> = (await call('GET', `/api/drills/${id}/timeline`)).body.events;
    const stackId = (await call('GET', `/api/drills/${id}`)).body.stackId as string;
    const stack = (await call('GET', `/api/stacks/${stackId}`)).body;
    const pids: number[] = stack.services.flatMap((service: { replicas: Array<{ pid: number | null }> }) => service.replicas.map((replica) => replica.pid)).filter(Boolean);
    expect(pids.length).toBe(6);

    api.child.kill('SIGKILL');
    await api.exited;
    running.splice(0);
    await eventually(async () => expect(pids.filter(isAlive)).toEqual([]), { timeoutMs: 5000, intervalMs: 100 });

    const restarted = await startApiProcess(dataDir);
    running.push(restarted);
    const again = (method: string, path: string) => callApi(restarted.baseUrl, method, path);
    const view = (await again('GET', `/api/drills/${id}`)).body;
    expect(view.state).toBe('interrupted');
    const events: Array<{ seq: number; type: string }> = (await again('GET', `/api/drills/${id}/timeline`)).body.events;
    for (const event of acknowledged) expect(events.find((kept) => kept.seq === event.seq)?.type).toBe(event.type);
    expect(events.at(-1)!.type).toBe('drill.interrupted');
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['page.acknowledged', 'status.posted']));
    const stacks = (await again('GET', '/api/stacks')).body;
    expect(stacks.stacks ?? stacks).toEqual([]);
    expect(new FaultLedger(join(dataDir, 'fault-ledger.jsonl')).openFaults()).toEqual([]);
    // An interrupted drill takes no more responder actions.
    const late = await callApi(restarted.baseUrl, 'POST', `/api/drills/${id}/ack`, {}, { token: responder });
    expect(late.status).toBe(409);
  });
});
