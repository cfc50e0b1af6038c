import { describe, expect, it } from 'vitest';
import { parseDrillDuration, tryParseDrillDuration } from './duration.js';
import { loadScenarioText, type LoadedScenario } from './loader.js';
import { TEST_VOCABULARY, VALID_RUNBOOK, VALID_SCENARIO } from './loader.test-fixtures.js';
import { ScenarioError, type ScenarioProblem } from './problems.js';

const FILE = 'catalog/pool.scenario.yml';
const RUNBOOK_FILE = 'catalog/runbooks/pool.md';

function memoryFiles(contents: Record<string, string>) {
  return {
    readFile: async (file: string): Promise<string> => {
      if (file in contents) return contents[file]!;
      throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    },
  };
}

/** `runbook: null` leaves the runbook file out. */
async function load(scenario: string, runbook: string | null = VALID_RUNBOOK): Promise<LoadedScenario> {
  return loadScenarioText(scenario, FILE, TEST_VOCABULARY, memoryFiles(runbook === null ? {} : { [RUNBOOK_FILE]: runbook }));
}

async function problemsOf(scenario: string, runbook?: string | null): Promise<ScenarioProblem[]> {
  try {
    await load(scenario, runbook);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error('expected the scenario to be invalid');
}

/** The 1-based line of the `occurrence`-th line of `text` containing `marker`. */
function lineOf(text: string, marker: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (lines[index]!.includes(marker) && ++seen === occurrence) return index + 1;
  }
  throw new Error(`marker not found: ${marker} (#${occurrence})`);
}

function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`not in the fixture: ${from}`);
  return text.replace(from, to);
}

interface Breakage {
  name: string;
  apply(text: string): string;
  /** Expected problem: its field, the line it is on (marker and occurrence), a message pattern. */
  path: string;
  marker: string;
  occurrence?: number;
  message: RegExp;
}

const FAULT = '      target: { service: payments }\n';
const FIX = '      - { action: set-config, service: payments, params: { key: pool.max, value: { gte: 20 } } }\n';
const HINT = '    - { id: look-at-pool, text: Look at the database pool., cost: 10 }\n';
const CHECK = '      query: sum(db_pool_connections{service="payments",state="idle"}) > 0\n';

/** One scenario breakage per problem class; applied alone and all together. */
const SCENARIO_BREAKAGES: Breakage[] = [
  {
    name: 'unknown fault kind',
    apply: (text) => edit(text, FAULT, `${FAULT}    - id: typo-kind\n      at: 1m\n      kind: lateny\n      target: { service: catalog }\n`),
    path: 'spec.faults[1].kind',
    marker: 'kind: lateny',
    message: /unknown fault kind "lateny"; did you mean "latency"\?/,
  },
  {
    name: 'unknown service',
    apply: (text) => edit(text, FAULT, `${FAULT}    - id: typo-service\n      at: 1m\n      kind: pool-exhaustion\n      target: { service: paymnts }\n`),
    path: 'spec.faults[1].target.service',
    marker: 'service: paymnts',
    message: /unknown service "paymnts"; did you mean "payments"/,
  },
  {
    name: "the fault kind's own validation",
    apply: (text) => edit(text, FAULT, `${FAULT}    - id: slow-disk\n      at: 1m\n      kind: latency\n      target: { service: catalog, dependency: disk }\n`),
    path: 'spec.faults[1].target.dependency',
    marker: 'dependency: disk',
    message: /no dependency "disk"/,
  },
  {
    name: 'duplicate fault step id',
    apply: (text) => edit(text, FAULT, `${FAULT}    - id: slow-queries\n      at: 2m\n      kind: pool-exhaustion\n      target: { service: catalog }\n`),
    path: 'spec.faults[1].id',
    marker: '- id: slow-queries',
    occurrence: 2,
    message: /duplicate fault step id "slow-queries" \(first at spec.faults\[0\]\)/,
  },
  {
    name: 'duration with units out of order',
    apply: (text) => edit(text, '      at: 30s\n', '      at: 5m1h\n'),
    path: 'spec.faults[0].at',
    marker: 'at: 5m1h',
    message: /"5m1h" is not a duration/,
  },
  {
    name: 'unknown metric in a status check',
    apply: (text) => edit(text, CHECK, '      query: sum(db_pool_conections) > 0\n'),
    path: 'spec.statusChecks[0].query',
    marker: 'db_pool_conections',
    message: /unknown metric "db_pool_conections"; did you mean "db_pool_connections"/,
  },
  {
    name: 'PromQL that does not parse',
    apply: (text) => edit(text, 'statusChecks:\n', 'statusChecks:\n    - id: broken\n      description: does not parse\n      query: sum(up\n'),
    path: 'spec.statusChecks[0].query',
    marker: 'query: sum(up',
    message: /invalid PromQL: 1:\d+: parse error/,
  },
  {
    name: 'unknown alert in expectations',
    apply: (text) => edit(text, '{ name: DbPoolSaturated, within: 5m }', '{ name: DbPoolSatruated, within: 5m }'),
    path: 'spec.expectations.alerts[0].name',
    marker: 'DbPoolSatruated',
    message: /unknown alert "DbPoolSatruated"; did you mean "DbPoolSaturated"/,
  },
  {
    name: 'unknown alert in mustNotFire',
    apply: (text) => edit(text, 'mustNotFire: [TargetDown]', 'mustNotFire: [TargetDown, NoSuchAlert]'),
    path: 'spec.expectations.mustNotFire[1]',
    marker: 'NoSuchAlert',
    message: /unknown alert "NoSuchAlert"/,
  },
  {
    name: 'unknown action in remediations',
    apply: (text) => edit(text, FIX, `${FIX}    mitigations:\n      - { action: reboot, service: payments }\n`),
    path: 'spec.remediations.mitigations[0].action',
    marker: 'action: reboot',
    message: /unknown action "reboot".*actions: restart, set-config, rollback/,
  },
  {
    name: 'unknown action parameter',
    apply: (text) => edit(text, FIX, `${FIX}      - { action: set-config, service: payments, params: { size: 20 } }\n`),
    path: 'spec.remediations.fixes[1].params.size',
    marker: 'size: 20',
    message: /unknown parameter of set-config "size".*it takes: service, key, value/,
  },
  {
    name: 'action parameter value the action refuses',
    apply: (text) => edit(text, FIX, `${FIX}      - { action: set-config, service: payments, params: { key: pool.min } }\n`),
    path: 'spec.remediations.fixes[1].params.key',
    marker: 'key: pool.min',
    message: /"pool.min" is not a valid key for set-config/,
  },
  {
    name: 'duplicate hint id',
    apply: (text) => edit(text, HINT, `${HINT}    - { id: look-at-pool, text: Again., cost: 5 }\n`),
    path: 'spec.hints[1].id',
    marker: 'text: Again.',
    message: /duplicate hint id "look-at-pool"/,
  },
  {
    name: 'robot action with a parameter its action refuses',
    apply: (text) =>
      edit(text, '  expectations:\n', '  expectations:\n    recoveryDeadline: 10m\n    remediation:\n      actions:\n        - { action: set-config, service: payments, params: { key: pool.size, value: 30 } }\n'),
    path: 'spec.expectations.remediation.actions[0].params.key',
    marker: 'key: pool.size',
    message: /Invalid option|expected one of/i,
  },
  {
    name: 'zero target',
    apply: (text) => edit(text, 'mttr: 30m', 'mttr: 0s'),
    path: 'spec.targets.mttr',
    marker: 'mttr: 0s',
    message: /must be longer than 0/,
  },
];

describe('loadScenarioText', () => {
  it('loads a valid scenario with its runbook', async () => {
    const loaded = await load(VALID_SCENARIO);
    expect(loaded.scenario.metadata.id).toBe('pool-exhaustion');
    expect(loaded.scenario.spec.stabilityPeriod).toBe('2m');
    expect(loaded.runbookFile).toBe(RUNBOOK_FILE);
    expect(loaded.runbook).toMatchObject({ path: 'runbooks/pool.md', title: 'Payments pool exhaustion', markdown: VALID_RUNBOOK });
    expect(loaded.runbook.steps.map((step) => step.id)).toEqual(['ack', 'check-pool']);
  });

  it('accepts an automated remediation whose actions the API would take as they stand', async () => {
    const text = edit(
      VALID_SCENARIO,
      '    mustNotFire: [TargetDown]\n',
      '    mustNotFire: [TargetDown]\n    recoveryDeadline: 10m\n    remediation:\n      trigger: DbPoolSaturated\n      delay: 30s\n      actions:\n        - { action: set-config, service: payments, params: { key: pool.max, value: 30 } }\n',
    );
    const loaded = await load(text);
    expect(loaded.scenario.spec.expectations.remediation).toEqual({
      trigger: 'DbPoolSaturated',
      delay: '30s',
      actions: [{ action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 30 } }],
    });
  });

  it('refuses a remediation with an unknown trigger or without a recovery deadline', async () => {
    const text = edit(VALID_SCENARIO, '    mustNotFire: [TargetDown]\n', '    mustNotFire: [TargetDown]\n    remediation:\n      trigger: DbPoolSatrated\n      actions:\n        - { action: restart, service: payments }\n');
    const problems = await problemsOf(text);
    expect(problems.map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      expect.stringMatching(/^spec\.expectations\.remediation: .*recoveryDeadline/),
      expect.stringMatching(/^spec\.expectations\.remediation\.trigger: .*DbPoolSatrated.*DbPoolSaturated/),
    ]);
  });

  it('accepts alerts of its own rules and metrics matched by a prefix', async () => {
    const text = edit(
      edit(VALID_SCENARIO, '{ name: DbPoolSaturated, within: 5m }', '{ name: PaymentsBurning, within: 5m }'),
      'spec:\n',
      'spec:\n  rules:\n    - alert: PaymentsBurning\n      expr: slo:sli_error:ratio_rate5m > 0.1\n      for: 1m\n',
    );
    await expect(load(text)).resolves.toMatchObject({ scenario: { spec: { rules: [{ alert: 'PaymentsBurning' }] } } });
  });

  it('reports YAML syntax errors with their position', async () => {
    const text = edit(VALID_SCENARIO, '  version: 1\n', '  version: 1\n  version: 2\n');
    const problems = await problemsOf(text);
    expect(problems).toEqual([expect.objectContaining({ file: FILE, line: lineOf(text, 'version: 2'), path: '', message: expect.stringMatching(/unique/i) })]);
  });

  it('reports every structural problem at its line and field', async () => {
    let text = edit(VALID_SCENARIO, '  severity: SEV2\n', '  severity: SEV9\n  colour: red\n');
    text = edit(text, '  title: Payments pool exhaustion\n', '');
    text = edit(text, '      at: 30s\n', '      at: soon\n');
    const problems = await problemsOf(text);
    expect(problems).toEqual([
      { file: FILE, line: lineOf(text, 'id: pool-exhaustion'), column: 3, path: 'metadata.title', message: 'missing (expected string)' },
      expect.objectContaining({ line: lineOf(text, 'severity: SEV9'), column: 13, path: 'metadata.severity', message: expect.stringContaining('SEV1') }),
      expect.objectContaining({ line: lineOf(text, 'colour: red'), column: 3, path: 'metadata.colour', message: 'unknown field "colour"' }),
      expect.objectContaining({ line: lineOf(text, 'at: soon'), column: 11, path: 'spec.faults[0].at', message: 'a duration such as 30s, 5m or 1h30m' }),
    ]);
    expect(new ScenarioError(problems).message.split('\n')[1]).toBe(`${FILE}:${lineOf(text, 'severity: SEV9')}:13: metadata.severity: ${problems[1]!.message}`);
  });

  it.each(SCENARIO_BREAKAGES)('reports $name at its line and field', async (breakage) => {
    const text = breakage.apply(VALID_SCENARIO);
    const problems = await problemsOf(text);
    expect(problems).toEqual([
      expect.objectContaining({ file: FILE, line: lineOf(text, breakage.marker, breakage.occurrence), path: breakage.path, message: expect.stringMatching(breakage.message) }),
    ]);
  });

  it('reports every reference problem at once', async () => {
    // Breakages that add the same list item (a second fault, status check or fix) shift each
    // other's indices, so list indices are compared loosely here; lines and messages exactly.
    let text = VALID_SCENARIO;
    for (const breakage of SCENARIO_BREAKAGES) text = breakage.apply(text);
    const problems = await problemsOf(text);
    const loosely = (path: string) => path.replace(/\[\d+\]/g, '[]');
    for (const breakage of SCENARIO_BREAKAGES) {
      // A repeated marker (the duplicated fault id) moves with the insertions; its line is checked alone above.
      const line = breakage.occurrence === undefined ? lineOf(text, breakage.marker) : undefined;
      const found = problems.find(
        (problem) => loosely(problem.path) === loosely(breakage.path) && breakage.message.test(problem.message) && (line === undefined || problem.line === line),
      );
      expect(found, breakage.name).toBeDefined();
      expect(found!.file).toBe(FILE);
    }
    expect(problems).toHaveLength(SCENARIO_BREAKAGES.length);
  });
});

describe('runbook validation', () => {
  it('reports a missing runbook file at spec.runbook', async () => {
    const problems = await problemsOf(VALID_SCENARIO, null);
    expect(problems).toEqual([
      { file: FILE, line: lineOf(VALID_SCENARIO, 'runbook:'), column: 12, path: 'spec.runbook', message: `runbook file not found: ${RUNBOOK_FILE}` },
    ]);
  });

  it('reports every runbook problem with the Markdown line, also when the scenario itself is broken', async () => {
    let runbook = edit(VALID_RUNBOOK, '# Payments pool exhaustion\n', 'Payments pool exhaustion\n');
    runbook = edit(runbook, 'within: 5m\n', 'within: 5m1h\n');
    runbook = edit(runbook, 'query: { metrics: [db_pool_connections] }', 'query: { metrics: [db_pool_connections, db_pool_size] }');
    runbook += [
      '',
      '```firedrill-step',
      'id: ack',
      'title: Acknowledge again',
      'evidence: { ack: true }',
      '```',
      '',
      '```firedrill-step',
      'id: restart-it',
      'title: Restart payments',
      'evidence:',
      '  action: { action: restart, service: paymnts }',
      '```',
      '',
      '```firedrill-step',
      'id: look',
      'title: Look somewhere',
      'evidence: { stare: true }',
      '```',
      '',
      '```firedrill-step',
      'id: logs',
      'title: Search the logs',
      'evidence: { logSearch: { service: gateway, txt: timeout } }',
      '```',
      '',
      '```firedrill-step',
      'id: Bad Id',
      'title: bad',
      'evidence: { declare: true }',
      '```',
      '',
    ].join('\n');
    const scenario = edit(VALID_SCENARIO, '  severity: SEV2\n', '  severity: SEV7\n');
    const problems = await problemsOf(scenario, runbook);
    const at = (marker: string, path: string, message: RegExp, occurrence?: number) =>
      expect(problems, path).toContainEqual(
        expect.objectContaining({ file: RUNBOOK_FILE, line: lineOf(runbook, marker, occurrence), path, message: expect.stringMatching(message) }),
      );
    expect(problems).toContainEqual(expect.objectContaining({ file: FILE, path: 'metadata.severity' }));
    at('Payments pool exhaustion', 'title', /no title/);
    at('within: 5m1h', 'steps[0].within', /"5m1h" is not a duration/);
    at('db_pool_size', 'steps[1].evidence.query.metrics[1]', /unknown metric "db_pool_size"/);
    at('id: ack', 'steps[2].id', /duplicate step id "ack" \(first at steps\[0\], line 5\)/, 2);
    at('service: paymnts', 'steps[3].evidence.action.service', /unknown service "paymnts"/);
    at('stare: true', 'steps[4].evidence', /expected exactly one of: ack, declare, query, logSearch, traceView, action, diagnosis, statusUpdate/);
    at('txt: timeout', 'steps[5].evidence.logSearch.txt', /unknown field "txt"/);
    at('id: Bad Id', 'steps[6].id', /lowercase|Invalid/i);
    expect(problems).toHaveLength(9);
  });

  it('reports a runbook without steps and an unclosed step block', async () => {
    expect(await problemsOf(VALID_SCENARIO, '# Title\n\nNo steps here.\n')).toEqual([
      { file: RUNBOOK_FILE, line: 1, column: 1, path: 'steps', message: 'the runbook has no ```firedrill-step blocks' },
    ]);
    const unclosed = '# Title\n\n```firedrill-step\nid: a\ntitle: A\nevidence: { ack: true }\n';
    expect(await problemsOf(VALID_SCENARIO, unclosed)).toEqual([
      { file: RUNBOOK_FILE, line: 3, column: 1, path: 'steps[0]', message: 'the step block is never closed' },
    ]);
  });
});

describe('parseDrillDuration', () => {
  it('parses Prometheus durations and refuses the rest', () => {
    expect(parseDrillDuration('1h30m')).toBe(5_400_000);
    expect(parseDrillDuration('250ms')).toBe(250);
    expect(parseDrillDuration('0')).toBe(0);
    expect(tryParseDrillDuration('5m1h')).toBeUndefined();
    expect(tryParseDrillDuration('1m1m')).toBeUndefined();
    expect(() => parseDrillDuration('soon')).toThrow(/"soon" is not a duration/);
  });
});
