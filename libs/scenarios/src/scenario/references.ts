import { checkActionMatcher, checkRobotAction, type Report } from './action-matchers.js';
import { tryParseDrillDuration } from './duration.js';
import { metricsOfPromql } from './promql-metrics.js';
import type { Scenario } from './schema.js';
import { unknownName, type VocabularyIndex } from './vocabulary.js';

type Path = (string | number)[];

/**
 * What the schema cannot check about a structurally valid scenario: references to fault kinds,
 * services, metrics, actions and alerts; duplicate ids; durations. Reports every problem and
 * returns the alert names the scenario may expect (the stack's, its own rules', its SLOs').
 */
export function checkScenarioReferences(scenario: Scenario, vocabulary: VocabularyIndex, report: Report): Set<string> {
  const { spec } = scenario;
  checkFaults(scenario, vocabulary, report);
  checkUniqueIds(spec.statusChecks, ['spec', 'statusChecks'], 'status check', report);
  spec.statusChecks.forEach((check, index) => checkPromql(check.query, ['spec', 'statusChecks', index, 'query'], vocabulary, report));

  const alerts = new Set(vocabulary.vocabulary.alerts);
  spec.rules.forEach((rule, index) => {
    alerts.add(rule.alert);
    checkPromql(rule.expr, ['spec', 'rules', index, 'expr'], vocabulary, report);
    if (rule.for !== undefined) checkDuration(rule.for, ['spec', 'rules', index, 'for'], report, { zero: true });
  });
  const sloCheck = vocabulary.vocabulary.slos;
  if (sloCheck) {
    spec.slos.forEach((slo, index) => {
      const problems = sloCheck.validate(slo);
      for (const problem of problems) report(['spec', 'slos', index, ...fieldPath(problem.field)], problem.message);
      if (problems.length === 0) for (const name of sloCheck.alertNames(slo)) alerts.add(name);
    });
  }

  checkDuration(spec.stabilityPeriod, ['spec', 'stabilityPeriod'], report, { zero: true });
  const { expectations } = spec;
  expectations.alerts.forEach((expected, index) => {
    checkAlert(expected.name, ['spec', 'expectations', 'alerts', index, 'name'], alerts, report);
    checkDuration(expected.within, ['spec', 'expectations', 'alerts', index, 'within'], report);
    if (expectations.mustNotFire.includes(expected.name)) {
      report(['spec', 'expectations', 'alerts', index, 'name'], `"${expected.name}" is both expected to fire and listed in mustNotFire`);
    }
  });
  expectations.mustNotFire.forEach((name, index) => checkAlert(name, ['spec', 'expectations', 'mustNotFire', index], alerts, report));
  if (expectations.recoveryDeadline !== undefined) checkDuration(expectations.recoveryDeadline, ['spec', 'expectations', 'recoveryDeadline'], report);
  if (expectations.remediation !== undefined) checkRemediation(scenario, alerts, vocabulary, report);

  for (const group of ['fixes', 'mitigations', 'harmful'] as const) {
    spec.remediations[group].forEach((matcher, index) => checkActionMatcher(matcher, ['spec', 'remediations', group, index], vocabulary, report));
  }
  checkUniqueIds(spec.hints, ['spec', 'hints'], 'hint', report);
  for (const target of ['mttd', 'mtta', 'mttr'] as const) checkDuration(spec.targets[target], ['spec', 'targets', target], report);
  checkDuration(spec.stopConditions.wallClockCap, ['spec', 'stopConditions', 'wallClockCap'], report);
  return alerts;
}

function checkRemediation(scenario: Scenario, alerts: Set<string>, vocabulary: VocabularyIndex, report: Report): void {
  const { expectations } = scenario.spec;
  const remediation = expectations.remediation!;
  const path: Path = ['spec', 'expectations', 'remediation'];
  if (remediation.trigger !== undefined) checkAlert(remediation.trigger, [...path, 'trigger'], alerts, report);
  else if (expectations.alerts.length === 0) report([...path], 'a remediation without a trigger starts on the first expected alert, but expectations.alerts is empty');
  checkDuration(remediation.delay, [...path, 'delay'], report, { zero: true });
  if (expectations.recoveryDeadline === undefined) report([...path], 'a remediation needs expectations.recoveryDeadline: the time the system has to recover once it ran');
  remediation.actions.forEach((action, index) => checkRobotAction(action, [...path, 'actions', index], vocabulary, report));
}

function checkFaults(scenario: Scenario, vocabulary: VocabularyIndex, report: Report): void {
  const { faults } = scenario.spec;
  checkUniqueIds(faults, ['spec', 'faults'], 'fault step', report);
  faults.forEach((fault, index) => {
    const path: Path = ['spec', 'faults', index];
    checkDuration(fault.at, [...path, 'at'], report, { zero: true });
    if (fault.duration !== undefined) checkDuration(fault.duration, [...path, 'duration'], report);
    // One problem per field: the kind's own validation often restates the generic service check.
    const reported = new Set<string>();
    const reportOnce: Report = (fieldPath, message, options) => {
      const key = fieldPath.join('.');
      if (reported.has(key)) return;
      reported.add(key);
      report(fieldPath, message, options);
    };
    const service = fault.target['service'];
    if (typeof service === 'string' && !vocabulary.hasService(service)) {
      reportOnce([...path, 'target', 'service'], unknownName('service', service, vocabulary.services));
    }
    const kind = vocabulary.faultKind(fault.kind);
    if (kind === undefined) {
      const known = vocabulary.faultKindNames();
      reportOnce([...path, 'kind'], `${unknownName('fault kind', fault.kind, known)}; kinds: ${known.join(', ')}`);
    } else if (kind !== 'unchecked') {
      for (const problem of kind.validate(fault.target, fault.params)) reportOnce([...path, ...fieldPath(problem.field)], problem.message);
    }
  });
}

function checkPromql(query: string, path: Path, vocabulary: VocabularyIndex, report: Report): void {
  const result = metricsOfPromql(query);
  if (!result.ok) {
    report(path, `invalid PromQL: ${result.error}`);
    return;
  }
  for (const metric of result.metrics) {
    if (!vocabulary.hasMetric(metric)) report(path, unknownName('metric', metric, vocabulary.vocabulary.metrics));
  }
}

function checkAlert(name: string, path: Path, alerts: Set<string>, report: Report): void {
  if (!alerts.has(name)) report(path, `${unknownName('alert', name, [...alerts])}: not a default alert, nor in spec.rules or spec.slos`);
}

export function checkDuration(text: string, path: Path, report: Report, options: { zero?: boolean } = {}): void {
  const ms = tryParseDrillDuration(text);
  if (ms === undefined) report(path, `"${text}" is not a duration: units must go from largest to smallest, each once (e.g. 1h30m)`);
  else if (ms === 0 && !options.zero) report(path, 'must be longer than 0');
}

export function checkUniqueIds(items: readonly { id: string }[], path: Path, what: string, report: Report): void {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const earlier = first.get(item.id);
    if (earlier === undefined) first.set(item.id, index);
    else report([...path, index, 'id'], `duplicate ${what} id "${item.id}" (first at ${formatIndexPath(path, earlier)})`);
  });
}

function formatIndexPath(path: Path, index: number): string {
  return `${path.join('.')}[${index}]`;
}

/** `target.dependency` or `params.items[0]` → path keys. */
function fieldPath(field: string): Path {
  return field
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
