import { parseExpr, type Expr } from '@firedrill/promql';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../telemetry/scrape/exposition-parser.js';
import { FiredrillMetrics } from './firedrill-metrics.js';

/**
 * The shipped Grafana dashboard (deploy/grafana/dashboards/firedrill.json): every expression, with
 * its template variables substituted, parses with our PromQL parser and uses only metrics that
 * /metrics exports (plus Prometheus's own `up`), so a renamed metric cannot leave a blank panel.
 */
const DASHBOARD = fileURLToPath(new URL('../../../../deploy/grafana/dashboards/firedrill.json', import.meta.url));
const PROMETHEUS_SERIES = new Set(['up']);

interface Target {
  expr: string;
  refId: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: Target[];
  panels?: Panel[];
}

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; type: string; query: string | { query: string } }> };
};
const variables = dashboard.templating.list;

/** What Grafana would put in place of each variable: regex variables match anything, durations are durations. */
const SUBSTITUTES: Record<string, string> = {
  team: '.*',
  scenario: '.*',
  origin: '(manual|gameday)',
  job: '.*',
  window: '30d',
  __rate_interval: '1m',
  __interval: '1h',
  __range: '1h',
};

function substitute(expr: string): string {
  return expr.replace(/\$\{?(\w+)\}?/g, (_, name: string) => {
    const value = SUBSTITUTES[name];
    if (value === undefined) throw new Error(`unknown variable $${name} in ${expr}`);
    return value;
  });
}

function metricNames(expr: Expr, names = new Set<string>()): Set<string> {
  switch (expr.type) {
    case 'VectorSelector': {
      const name = expr.name ?? expr.matchers.find((m) => m.name === '__name__' && m.type === '=')?.value;
      if (name === undefined) throw new Error('a selector without a metric name');
      names.add(name);
      break;
    }
    case 'MatrixSelector':
      metricNames(expr.vector, names);
      break;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      metricNames(expr.expr, names);
      break;
    case 'BinaryExpr':
      metricNames(expr.lhs, names);
      metricNames(expr.rhs, names);
      break;
    case 'AggregateExpr':
      metricNames(expr.expr, names);
      if (expr.param) metricNames(expr.param, names);
      break;
    case 'Call':
      for (const arg of expr.args) metricNames(arg, names);
      break;
    default:
      break;
  }
  return names;
}

/** Every series name /metrics can export: counters and gauges by name, histograms by their three series. */
async function exportedNames(): Promise<Set<string>> {
  const metrics = new FiredrillMetrics({
    drillFigures: () => ({ outcomes: [], mttd: [], mtta: [], mttr: [] }),
    activeDrills: () => 0,
    activeFaultsByKind: () => new Map(),
    faultKinds: ['latency'],
    stacks: () => 0,
  });
  const { metadata } = parseExposition((await metrics.render()).body, 'text');
  const names = new Set<string>();
  for (const [family, { type }] of metadata) {
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(family + suffix);
    else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(family + suffix);
    else names.add(family);
  }
  return names;
}

const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);

describe('Grafana dashboard', () => {
  const panels = allPanels(dashboard.panels);
  const targets = panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, ...target })));
  const variableQueries = variables
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
      const match = /^label_values\((.+),\s*\w+\)$/.exec(query);
      if (!match) throw new Error(`variable ${variable.name}: unexpected query ${query}`);
      return { panel: `variable ${variable.name}`, expr: match[1]!, refId: variable.name };
    });

  it('has the team and scenario variables, unique panel ids and a query on every graph', () => {
    expect(variables.map((variable) => variable.name)).toEqual(expect.arrayContaining(['datasource', 'team', 'scenario']));
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    for (const panel of panels.filter((p) => p.type !== 'row')) expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    expect(targets.length).toBeGreaterThan(15);
  });

  it('every expression parses and uses only metrics that /metrics exports', async () => {
    const exported = await exportedNames();
    const used = new Set<string>();
    for (const target of [...targets, ...variableQueries]) {
      let expr: Expr;
      try {
        expr = parseExpr(substitute(target.expr));
      } catch (error) {
        throw new Error(`${target.panel} (${target.refId}): ${(error as Error).message}\n${target.expr}`);
      }
      for (const name of metricNames(expr)) {
        expect(exported.has(name) || PROMETHEUS_SERIES.has(name), `${target.panel}: ${name} is not exported by /metrics`).toBe(true);
        used.add(name);
      }
    }
    // What the issue asks the dashboard to show.
    for (const name of [
      'firedrill_drill_mttd_seconds_bucket',
      'firedrill_drill_mtta_seconds_bucket',
      'firedrill_drill_mttr_seconds_bucket',
      'firedrill_drills_total',
      'firedrill_drills_active',
      'firedrill_faults_active',
      'firedrill_rule_evaluation_duration_seconds_bucket',
      'firedrill_rule_evaluation_lag_seconds_bucket',
      'firedrill_scrape_errors_total',
    ]) {
      expect(used.has(name), name).toBe(true);
    }
  });

  it('filters the scoreboard panels by team and scenario', () => {
    const scoreboardTargets = targets.filter((target) => /firedrill_drill(s_total|_mtt)/.test(target.expr));
    expect(scoreboardTargets.length).toBeGreaterThan(5);
    for (const target of scoreboardTargets) {
      expect(target.expr, target.panel).toContain('team=~"$team"');
      expect(target.expr, target.panel).toContain('scenario=~"$scenario"');
    }
  });
});
