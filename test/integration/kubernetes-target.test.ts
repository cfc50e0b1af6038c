import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_PATH, AGENT_TOKEN_HEADER } from '@firedrill/demo-stack/protocol';
import { REPLICA_ENTRY } from '@firedrill/demo-stack';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../apps/api/src/stacks/embedded/ports.js';
import { eventually, startApi, type ApiHarness } from '../support/api-harness.js';
import { FakeKubeApi } from '../support/fake-kube-api.js';

// Integration level without a cluster: the real API (with @kubernetes/client-node) against a
// loopback server that serves the Kubernetes REST paths the client uses (test/support/fake-kube-api.ts).
// The payments "pods" point at a real payments replica, so faults really go through a chaos agent.
const NAMESPACE = 'firedrill-demo';
const KUBE_TOKEN = 'fake-kube-bearer-token';
const AGENT_TOKEN = 'k8s-agent-token-0123456789abcdef';
const DEMO = { gateway: 1, catalog: 4, checkout: 1, payments: 1 };

describe('kubernetes target against a fake Kubernetes API', () => {
  let fake: FakeKubeApi;
  let api: ApiHarness;
  let payments: ChildProcess;
  let paymentsPort: number;
  let stackId: string;
  let kubeconfig: string;

  const agentFaults = async (): Promise<Array<{ id: string; kind: string }>> => {
    const response = await request(`http://127.0.0.1:${paymentsPort}${AGENT_PATH}/faults`, { headers: { [AGENT_TOKEN_HEADER]: AGENT_TOKEN } });
    return ((await response.body.json()) as { faults: Array<{ id: string; kind: string }> }).faults;
  };
  const deletes = () => fake.requests.filter((req) => req.method === 'DELETE' && req.path.startsWith(`/api/v1/namespaces/${NAMESPACE}/pods/`));
  const podKill = async (params: Record<string, unknown>) => {
    const before = deletes().length;
    const created = await api.call('POST', `/api/stacks/${stackId}/faults`, { kind: 'pod-kill', target: { service: 'catalog' }, params });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await api.call('DELETE', `/api/stacks/${stackId}/faults/${created.body.id}`);
    return deletes().slice(before);
  };

  beforeAll(async () => {
    [paymentsPort] = await freePorts(1);
    payments = spawn(process.execPath, [REPLICA_ENTRY], {
      env: { PATH: process.env.PATH ?? '', FIREDRILL_SERVICE: 'payments', PORT: String(paymentsPort), FIREDRILL_AGENT_TOKEN: AGENT_TOKEN, FIREDRILL_STACK_ID: 'k8s-fake' },
      stdio: 'ignore',
    });
    await eventually(async () => expect((await request(`http://127.0.0.1:${paymentsPort}/healthz`)).statusCode).toBe(200));
    fake = await FakeKubeApi.start({
      token: KUBE_TOKEN,
      deployments: { [NAMESPACE]: DEMO, 'kube-system': { coredns: 2 }, default: DEMO },
      addressOf: (deployment) => (deployment.name === 'payments' ? { ip: '127.0.0.1', port: paymentsPort! } : { ip: '127.0.0.1', port: 1 }),
    });
    kubeconfig = fake.writeKubeconfig(join(mkdtempSync(join(tmpdir(), 'firedrill-kube-')), 'kubeconfig'));
    api = await startApi(undefined, { kubernetes: { namespaces: [NAMESPACE], kubeconfigPath: kubeconfig, agentToken: AGENT_TOKEN, refreshMs: 200 } });
  });

  afterAll(async () => {
    await api?.close();
    await fake?.close();
    payments?.kill('SIGKILL');
  });

  it('refuses kube-system, unlisted namespaces and a missing allow-list before any request reaches the API server', async () => {
    const system = await api.call('POST', '/api/stacks', { loadRps: 0, target: { kind: 'kubernetes', namespace: 'kube-system' } });
    expect(system.status).toBe(403);
    expect(system.body.message).toContain('system namespace');
    // Listed or not, kube-system stays out of reach.
    const unlisted = await api.call('POST', '/api/stacks', { loadRps: 0, target: { kind: 'kubernetes', namespace: 'default' } });
    expect(unlisted.status).toBe(403);
    expect(unlisted.body.message).toContain('not in FIREDRILL_K8S_NAMESPACES');
    const withoutList = await startApi(undefined, { kubernetes: { namespaces: [], kubeconfigPath: kubeconfig, agentToken: AGENT_TOKEN } });
    try {
      const missing = await withoutList.call('POST', '/api/stacks', { loadRps: 0, target: { kind: 'kubernetes', namespace: NAMESPACE } });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toContain('FIREDRILL_K8S_NAMESPACES');
    } finally {
      await withoutList.close();
    }
    expect(fake.requests).toEqual([]);
  });

  it('attaches to the deployed demo stack: pods by label selector become the instances', async () => {
    const created = await api.call('POST', '/api/stacks', { loadRps: 0, target: { kind: 'kubernetes', namespace: NAMESPACE } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    stackId = created.body.id;
    expect(created.body.target).toEqual({ kind: 'kubernetes', namespace: NAMESPACE });
    expect(created.body.gatewayUrl).toBe(`http://gateway.${NAMESPACE}.svc:8080`);
    const counts = Object.fromEntries(created.body.services.map((service: { name: string; replicas: unknown[] }) => [service.name, service.replicas.length]));
    expect(counts).toEqual(DEMO);
    const list = fake.requests.find((req) => req.method === 'GET' && req.path === `/api/v1/namespaces/${NAMESPACE}/pods`);
    expect(list?.query.labelSelector).toBe('app.kubernetes.io/part-of=firedrill-demo');
    // Only the allow-listed namespace was ever asked about.
    expect(fake.requests.every((req) => req.path.includes(`/namespaces/${NAMESPACE}/`))).toBe(true);
  });

  it('pod-kill deletes pods (grace 0) by mode: one, count and percent', async () => {
    const catalogPods = new Set(fake.podsOf(NAMESPACE, 'catalog').map((pod) => pod.name));
    const one = await podKill({ mode: 'one' });
    expect(one).toHaveLength(1);
    expect(one[0]!.query.gracePeriodSeconds).toBe('0');
    expect(catalogPods.has(one[0]!.path.split('/').pop()!)).toBe(true);
    // The fake's ReplicaSet replaced the victim; Firedrill's view follows.
    await eventually(async () => {
      const view = (await api.call('GET', `/api/stacks/${stackId}`)).body;
      const ids = view.services.find((service: { name: string }) => service.name === 'catalog').replicas.map((replica: { id: string }) => replica.id);
      expect(ids.sort()).toEqual(fake.podsOf(NAMESPACE, 'catalog').map((pod) => pod.name).sort());
    });
    expect(await podKill({ mode: 'count', count: 3 })).toHaveLength(3);
    expect(await podKill({ mode: 'percent', percent: 50 })).toHaveLength(2);
    expect(await podKill({ mode: 'percent', percent: 1 })).toHaveLength(1);
    // Only demo pods of the targeted service were ever deleted.
    expect(deletes().every((req) => req.path.split('/').pop()!.startsWith('catalog-'))).toBe(true);
    expect(fake.podsOf('kube-system')).toHaveLength(2);
  });

  it('refuses crashLoop on Kubernetes with a clear error, deleting nothing', async () => {
    const before = deletes().length;
    const refused = await api.call('POST', `/api/stacks/${stackId}/faults`, { kind: 'pod-kill', target: { service: 'catalog' }, params: { crashLoop: true } });
    expect(refused.status).toBe(502);
    expect(refused.body.message).toContain('crashLoop is not supported on the kubernetes target');
    expect(deletes().length).toBe(before);
  });

  it('scale patches the deployment scale subresource (merge patch)', async () => {
    const scaled = await api.call('POST', `/api/stacks/${stackId}/actions`, { action: 'scale', service: 'checkout', params: { replicas: 3 } });
    expect(scaled.status, JSON.stringify(scaled.body)).toBe(200);
    expect(scaled.body.result).toContain('scaled checkout from 1 to 3');
    const patch = fake.requests.find((req) => req.method === 'PATCH' && req.path === `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/checkout/scale`);
    expect(patch?.contentType).toBe('application/merge-patch+json');
    expect(patch?.body).toEqual({ spec: { replicas: 3 } });
    expect(fake.deployment(NAMESPACE, 'checkout')!.replicas).toBe(3);
    expect(fake.podsOf(NAMESPACE, 'checkout')).toHaveLength(3);
  });

  it('restart is a rollout restart: the pod template gets kubectl.kubernetes.io/restartedAt and every pod is replaced', async () => {
    const old = new Set(fake.podsOf(NAMESPACE, 'catalog').map((pod) => pod.name));
    const before = Date.now();
    const restarted = await api.call('POST', `/api/stacks/${stackId}/actions`, { action: 'restart', service: 'catalog', params: {} });
    expect(restarted.status, JSON.stringify(restarted.body)).toBe(200);
    const patch = fake.requests.find((req) => req.method === 'PATCH' && req.path === `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/catalog`);
    expect(patch?.contentType).toBe('application/merge-patch+json');
    const at = fake.deployment(NAMESPACE, 'catalog')!.templateAnnotations['kubectl.kubernetes.io/restartedAt'];
    expect(Date.parse(at!)).toBeGreaterThanOrEqual(before - 1000);
    expect(fake.podsOf(NAMESPACE, 'catalog').some((pod) => old.has(pod.name))).toBe(false);
  });

  it('a fault goes through the chaos agent of a pod (pod IP and port), and is reverted there', async () => {
    const created = await api.call('POST', `/api/stacks/${stackId}/faults`, { kind: 'latency', target: { service: 'payments' }, params: { delayMs: 200 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await agentFaults()).toEqual([expect.objectContaining({ id: created.body.id, kind: 'latency' })]);
    const started = Date.now();
    const charge = await request(`http://127.0.0.1:${paymentsPort}/charge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 1 }) });
    await charge.body.text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    const reverted = await api.call('DELETE', `/api/stacks/${stackId}/faults/${created.body.id}`);
    expect(reverted.status).toBe(200);
    expect(await agentFaults()).toEqual([]);
  });

  it('a second stack on the same namespace is refused; deleting the stack puts the replica counts back', async () => {
    const second = await api.call('POST', '/api/stacks', { loadRps: 0, target: { kind: 'kubernetes', namespace: NAMESPACE } });
    expect(second.status).toBe(409);
    const deleted = await api.call('DELETE', `/api/stacks/${stackId}`);
    expect(deleted.status).toBe(200);
    expect(fake.deployment(NAMESPACE, 'checkout')!.replicas).toBe(1);
    expect(fake.podsOf(NAMESPACE, 'checkout')).toHaveLength(1);
    expect(fake.requests.filter((req) => !req.path.includes(`/namespaces/${NAMESPACE}/`))).toEqual([]);
  });
});
