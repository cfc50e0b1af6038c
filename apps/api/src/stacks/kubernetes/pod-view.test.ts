import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { demoSelector, podView } from './pod-view.js';

const pod = (status: V1Pod['status'], extra: Partial<V1Pod['metadata']> = {}): V1Pod => ({
  metadata: { name: 'catalog-abc', labels: { 'app.kubernetes.io/part-of': 'firedrill-demo', 'app.kubernetes.io/name': 'catalog' }, ...extra },
  spec: { containers: [{ name: 'app', ports: [{ name: 'metrics', containerPort: 9000 }, { name: 'http', containerPort: 8080 }] }] },
  status,
});
const ready = { type: 'Ready', status: 'True' };

describe('pods as instances', () => {
  it('selects the demo pods of a service by label', () => {
    expect(demoSelector('catalog')).toBe('app.kubernetes.io/part-of=firedrill-demo,app.kubernetes.io/name=catalog');
    expect(demoSelector()).toBe('app.kubernetes.io/part-of=firedrill-demo');
  });

  it('a ready running pod is a running instance at its IP and http port, with its restarts and last exit', () => {
    const view = podView(
      pod({
        phase: 'Running',
        podIP: '10.1.2.3',
        conditions: [ready],
        containerStatuses: [{ name: 'app', image: 'x', imageID: 'x', ready: true, restartCount: 2, lastState: { terminated: { exitCode: 137, reason: 'Error', finishedAt: new Date('2026-01-01T00:00:00Z') } } }],
      }),
    );
    expect(view).toEqual({
      id: 'catalog-abc',
      service: 'catalog',
      port: 8080,
      url: 'http://10.1.2.3:8080',
      pid: null,
      restarts: 2,
      state: 'running',
      healthy: true,
      lastExit: { code: 137, signal: 'Error', at: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('maps not-ready, crash-looping, terminating and finished pods; ignores pods of no demo service', () => {
    expect(podView(pod({ phase: 'Running', podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'False' }] }))!.state).toBe('starting');
    expect(podView(pod({ phase: 'Pending' }))!.state).toBe('starting');
    expect(podView(pod({ phase: 'Running', containerStatuses: [{ name: 'app', image: 'x', imageID: 'x', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }))!.state).toBe('backoff');
    expect(podView(pod({ phase: 'Running', podIP: '10.0.0.1', conditions: [ready] }, { deletionTimestamp: new Date() }))!.state).toBe('stopped');
    expect(podView(pod({ phase: 'Failed' }))!.state).toBe('stopped');
    expect(podView({ metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'redis' } } })).toBeUndefined();
  });
});
