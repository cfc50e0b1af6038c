import { describe, expect, it } from 'vitest';
import { matchRoutes, parseNotifierConfig } from './config.js';
import { alertFingerprint } from './fingerprint.js';
import { parseMatcher } from './matchers.js';

const problems = (input: unknown): string => {
  try {
    parseNotifierConfig(input);
    return 'valid';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('parseNotifierConfig', () => {
  it('fills Alertmanager defaults and lets child routes inherit', () => {
    const config = parseNotifierConfig({
      route: { receiver: 'a', group_by: ['alertname'], group_interval: '1m', routes: [{ matchers: ['severity="page"'], group_wait: '5s' }] },
      receivers: [{ name: 'a', webhook_configs: [{ url: 'http://x.test/hook' }] }],
    });
    expect(config.resolveTimeoutMs).toBe(300_000);
    expect(config.route).toMatchObject({ key: '{}', groupWaitMs: 30_000, groupIntervalMs: 60_000, repeatIntervalMs: 4 * 3_600_000 });
    expect(config.route.routes[0]).toMatchObject({
      key: '{}/{severity="page"}',
      receiver: 'a',
      groupBy: ['alertname'],
      groupWaitMs: 5000,
      groupIntervalMs: 60_000,
    });
    expect(config.receivers.get('a')!.webhooks).toEqual([{ url: 'http://x.test/hook', sendResolved: true, maxAlerts: 0 }]);
    expect(matchRoutes(config.route, { severity: 'page' })[0]!.id).toBe('root/0');
    expect(matchRoutes(config.route, { severity: 'ticket' })[0]!.id).toBe('root');
  });

  it('names every bad field', () => {
    const message = problems({
      route: { receiver: 'missing', group_wait: 'soon', matchers: ['a="b"'], routes: [{ matchers: ['severity=="page"'], group_by: ['...', 'x'] }] },
      receivers: [{ name: 'a', webhook_configs: [{ url: 'not a url' }] }],
      inhibit_rules: [{ source_matchers: [], target_matchers: ['a="b"'] }],
    });
    expect(message).toContain('route.group_wait: expected a duration such as 30s or 5m');
    expect(message).toContain('route.routes[0].matchers[0]: bad matcher');
    expect(message).toContain("route.routes[0].group_by: '...' must be the only group_by entry");
    expect(message).toContain('receivers[0].webhook_configs[0].url');
    expect(message).toContain('inhibit_rules[0].source_matchers');
    expect(problems({ route: { receiver: 'missing' }, receivers: [{ name: 'a' }] })).toContain('route.receiver: undefined receiver "missing"');
    expect(problems({ route: { receiver: 'a', matchers: ['a="b"'] }, receivers: [{ name: 'a' }] })).toContain('route.matchers: the root route must not have matchers');
  });
});

describe('matchers', () => {
  it('parses the four operators, quoted or not, with anchored regexes', () => {
    expect(parseMatcher('service=~"check.*"').matches({ service: 'checkout' })).toBe(true);
    expect(parseMatcher('service=~"check"').matches({ service: 'checkout' })).toBe(false);
    expect(parseMatcher('severity = page').matches({ severity: 'page' })).toBe(true);
    expect(parseMatcher('env!="prod"').matches({})).toBe(true);
    expect(parseMatcher('env!~"prod|staging"').matches({ env: 'dev' })).toBe(true);
    expect(() => parseMatcher('service=~"("')).toThrow(/invalid regular expression/);
  });
});

describe('alertFingerprint', () => {
  it('is FNV-1a 64 over sorted labels, independent of key order', () => {
    expect(alertFingerprint({})).toBe('cbf29ce484222325');
    expect(alertFingerprint({ a: '1', b: '2' })).toBe(alertFingerprint({ b: '2', a: '1' }));
    expect(alertFingerprint({ a: '1', b: '2' })).not.toBe(alertFingerprint({ a: '12' }));
  });
});
