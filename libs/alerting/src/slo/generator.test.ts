import { describe, expect, it } from 'vitest';
import type { AlertingRule, RecordingRule } from '../rules/types.js';
import { generateSloRuleGroup, generateSloRuleGroups } from './generator.js';
import { parseSloSpec, type SloSpecInput } from './spec.js';

const availability: SloSpecInput = {
  name: 'checkout-availability',
  service: 'checkout',
  objective: 0.999,
  sli: {
    ratio: {
      bad: 'sum(rate(http_requests_total{service="checkout",status=~"5.."}[{{window}}]))',
      total: 'sum(rate(http_requests_total{service="checkout"}[{{window}}]))',
    },
  },
  alerting: { annotations: { runbook: 'runbooks/checkout-errors' }, pageLabels: { team: 'shop' } },
};

const latency: SloSpecInput = {
  name: 'checkout-latency',
  service: 'checkout',
  objective: 0.99,
  window: '7d',
  sli: { latency: { histogram: 'http_request_duration_seconds{service="checkout"}', thresholdSeconds: 0.5, filters: 'route="/checkout"' } },
};

const records = (rules: readonly unknown[]): RecordingRule[] => rules.filter((rule): rule is RecordingRule => (rule as RecordingRule).kind === 'record');
const alerts = (rules: readonly unknown[]): AlertingRule[] => rules.filter((rule): rule is AlertingRule => (rule as AlertingRule).kind === 'alert');

describe('generateSloRuleGroup at time scale 1', () => {
  const group = generateSloRuleGroup(availability, { groupIntervalMs: 15_000, scrapeIntervalMs: 15_000 });

  it('records the error ratio over every alert window and the SLO window', () => {
    const ratios = records(group.rules).filter((rule) => rule.record.startsWith('slo:sli_error:'));
    expect(ratios.map((rule) => rule.record)).toEqual(
      ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((window) => `slo:sli_error:ratio_rate${window}`),
    );
    expect(ratios[0]!.expr).toBe(
      '(sum(rate(http_requests_total{service="checkout",status=~"5.."}[5m]))) / (sum(rate(http_requests_total{service="checkout"}[5m])))',
    );
    expect(ratios.at(-1)!.expr).toContain('[30d]');
    expect(ratios[0]!.labels).toEqual({ slo: 'checkout-availability', service: 'checkout' });
    expect(group.name).toBe('slo:checkout-availability');
    expect(group.intervalMs).toBe(15_000);
  });

  it('records burn rates, the remaining budget and the objective', () => {
    const byName = new Map(records(group.rules).map((rule) => [rule.record, rule.expr]));
    expect(byName.get('slo:burn_rate:ratio_rate1h')).toBe('slo:sli_error:ratio_rate1h{slo="checkout-availability"} / (1 - 0.999)');
    expect(byName.get('slo:error_budget:remaining')).toBe('1 - (slo:sli_error:ratio_rate30d{slo="checkout-availability"} / (1 - 0.999))');
    expect(byName.get('slo:objective:ratio')).toBe('vector(0.999)');
  });

  it('pages and tickets with the Workbook windows and factors', () => {
    const generated = alerts(group.rules);
    expect(generated.map((rule) => [rule.labels.severity, rule.labels.long_window, rule.labels.short_window])).toEqual([
      ['page', '1h', '5m'],
      ['page', '6h', '30m'],
      ['ticket', '1d', '2h'],
      ['ticket', '3d', '6h'],
    ]);
    expect(generated[0]!.alert).toBe('CheckoutAvailabilityErrorBudgetBurn');
    expect(generated[0]!.expr).toBe(
      '(slo:sli_error:ratio_rate1h{slo="checkout-availability"} > 14.4 * (1 - 0.999)) and ' +
        '(slo:sli_error:ratio_rate5m{slo="checkout-availability"} > 14.4 * (1 - 0.999))',
    );
    expect(generated[3]!.expr).toContain('ratio_rate3d{slo="checkout-availability"} > 1 * (1 - 0.999)');
    expect(generated[0]!.labels.team).toBe('shop');
    expect(generated[2]!.labels.team).toBeUndefined();
    expect(generated[0]!.annotations.runbook).toBe('runbooks/checkout-errors');
    expect(generated[0]!.annotations.description).toContain('{{ $value | humanizePercentage }} over 1h');
    expect(generated[0]!.annotations.description).toContain('gone in about 2d2h');
    expect(generated[0]!.annotations.description).toContain('used 2% of it');
  });
});

describe('generateSloRuleGroup at time scale 60', () => {
  const group = generateSloRuleGroup(availability, { timeScale: 60, scrapeIntervalMs: 1000 });

  it('divides every range window by the scale but keeps the nominal names', () => {
    const ranges = records(group.rules)
      .filter((rule) => rule.record.startsWith('slo:sli_error:'))
      .map((rule) => [rule.record.replace('slo:sli_error:ratio_rate', ''), /\[([^\]]+)\]/.exec(rule.expr)![1]]);
    expect(ranges).toEqual([
      ['5m', '5s'],
      ['30m', '30s'],
      ['1h', '1m'],
      ['2h', '2m'],
      ['6h', '6m'],
      ['1d', '24m'],
      ['3d', '1h12m'],
      ['30d', '12h'],
    ]);
    expect(alerts(group.rules)[0]!.annotations.description).toContain('data windows are 1m and 5s');
  });

  it('never goes below four scrape intervals and rounds up to whole scrape intervals', () => {
    const fast = generateSloRuleGroup(availability, { timeScale: 1000, scrapeIntervalMs: 1000 });
    expect(records(fast.rules)[0]!.expr).toContain('[4s]');
    const odd = generateSloRuleGroup(availability, { timeScale: 7, scrapeIntervalMs: 1000 });
    expect(records(odd.rules)[0]!.expr).toContain('[43s]');
  });
});

describe('latency SLIs', () => {
  it('counts the threshold bucket as good and _count as total', () => {
    const group = generateSloRuleGroup(latency);
    const ratios = records(group.rules).filter((rule) => rule.record.startsWith('slo:sli_error:'));
    expect(ratios.at(-1)!.record).toBe('slo:sli_error:ratio_rate7d');
    expect(ratios[0]!.expr).toBe(
      '1 - (sum(rate(http_request_duration_seconds_bucket{service="checkout",route="/checkout",le="0.5"}[5m])) / ' +
        'sum(rate(http_request_duration_seconds_count{service="checkout",route="/checkout"}[5m])))',
    );
  });

  it('renders whole-second thresholds as prom-client writes le', () => {
    const group = generateSloRuleGroup({ ...latency, sli: { latency: { histogram: 'x_seconds_bucket', thresholdSeconds: 1 } } });
    expect(records(group.rules)[0]!.expr).toBe('1 - (sum(rate(x_seconds_bucket{le="1"}[5m])) / sum(rate(x_seconds_count[5m])))');
  });
});

describe('SLO spec validation', () => {
  const problems = (input: unknown): string => {
    try {
      parseSloSpec(input);
    } catch (error) {
      return (error as Error).message;
    }
    return 'valid';
  };

  it('names the offending field', () => {
    expect(problems({ ...availability, objective: 1 })).toMatch(/objective: the objective is a fraction in \(0, 1\)/);
    expect(problems({ ...availability, window: '30 days' })).toMatch(/window: expected a positive duration/);
    expect(problems({ ...availability, sli: { ratio: { total: 'sum(rate(x[5m]))', bad: 'y' } } })).toMatch(
      /sli\.ratio\.bad: must use \[\{\{window\}\}\]/,
    );
    expect(problems({ ...availability, sli: { ratio: { total: 'rate(x[{{window}}])' } } })).toMatch(/sli\.ratio\.good: give exactly one of good or bad/);
    expect(problems({ ...availability, sli: {} })).toMatch(/sli: give exactly one of ratio or latency/);
    expect(problems({ ...latency, sli: { latency: { histogram: 'h', thresholdSeconds: 0.5, filters: 'le="1"' } } })).toMatch(
      /sli\.latency\.filters: the le matcher/,
    );
    expect(problems({ ...availability, extra: 1 })).toMatch(/\(root\): Unrecognized key/);
  });

  it('rejects two SLOs with one name', () => {
    expect(() => generateSloRuleGroups([availability, availability])).toThrow(/duplicate SLO name/);
    expect(generateSloRuleGroups([availability, latency])).toHaveLength(2);
  });
});

describe('an SLO window equal to an alert window', () => {
  it('names one series and the alerts read it', () => {
    const group = generateSloRuleGroup({ ...availability, window: '24h' });
    const names = records(group.rules).map((rule) => rule.record);
    expect(names).toContain('slo:sli_error:ratio_rate24h');
    expect(names).not.toContain('slo:sli_error:ratio_rate1d');
    expect(alerts(group.rules)[2]!.expr).toContain('slo:sli_error:ratio_rate24h{');
  });
});
