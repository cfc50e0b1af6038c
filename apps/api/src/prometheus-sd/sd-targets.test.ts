import { describe, expect, it } from 'vitest';
import { targetLabelsOf } from '../telemetry/scrape/target-labels.js';
import { httpSdTargetGroups, type DiscoverableStack } from './sd-targets.js';

const stacks: DiscoverableStack[] = [
  {
    id: 'stk-a',
    profile: { alertSource: 'prometheus' },
    instances: [
      { id: 'gateway-1', service: 'gateway', url: 'http://127.0.0.1:41001', port: 41001 },
      { id: 'payments-2', service: 'payments', url: 'http://127.0.0.1:41002', port: 41002 },
    ],
  },
  { id: 'stk-b', profile: { alertSource: 'embedded' }, instances: [{ id: 'catalog-1', service: 'catalog', url: 'http://127.0.0.1:41003', port: 41003 }] },
];

describe('httpSdTargetGroups', () => {
  it('answers one group per replica of every stack, with the stack label', () => {
    expect(httpSdTargetGroups(stacks)).toEqual([
      { targets: ['127.0.0.1:41001'], labels: { job: 'gateway', instance: '127.0.0.1:41001', service: 'gateway', replica: 'gateway-1', firedrill_stack: 'stk-a' } },
      { targets: ['127.0.0.1:41002'], labels: { job: 'payments', instance: '127.0.0.1:41002', service: 'payments', replica: 'payments-2', firedrill_stack: 'stk-a' } },
      { targets: ['127.0.0.1:41003'], labels: { job: 'catalog', instance: '127.0.0.1:41003', service: 'catalog', replica: 'catalog-1', firedrill_stack: 'stk-b' } },
    ]);
  });

  it('gives the labels the embedded scraper attaches, plus the stack', () => {
    const [group] = httpSdTargetGroups(stacks, { stack: 'stk-b' });
    const embedded = targetLabelsOf({ replica: 'catalog-1', service: 'catalog', url: 'http://127.0.0.1:41003' });
    expect(group!.labels).toEqual({ ...embedded, firedrill_stack: 'stk-b' });
  });

  it('scrapes an advertised host but keeps the instance label the embedded scraper uses', () => {
    const [group] = httpSdTargetGroups([{ ...stacks[1]!, advertisedHost: 'firedrill' }]);
    expect(group).toMatchObject({ targets: ['firedrill:41003'], labels: { instance: '127.0.0.1:41003' } });
  });

  it('filters by stack and by alert source', () => {
    expect(httpSdTargetGroups(stacks, { stack: 'stk-b' }).map((group) => group.labels.replica)).toEqual(['catalog-1']);
    expect(httpSdTargetGroups(stacks, { alertSource: 'prometheus' }).map((group) => group.labels.replica)).toEqual(['gateway-1', 'payments-2']);
    expect(httpSdTargetGroups(stacks, { stack: 'nope' })).toEqual([]);
  });
});
