import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { PromqlError, lineColumn, parseDuration, parseExpr } from '@firedrill/promql';
import { checkAlertTemplate } from '../templates/alert-template.js';
import { isValidLabelName, isValidMetricName } from './names.js';
import type { AlertingRule, RecordingRule, Rule, RuleGroup } from './types.js';
import { nodePosition, positionInScalar, type FilePosition } from './yaml-positions.js';

/** One problem in a rule file; `path` names the field (`groups[0].rules[2].expr`). */
export interface RuleFileProblem {
  line: number;
  column: number;
  path: string;
  message: string;
}

/** Every problem of a rule file at once, like `promtool check rules`. */
export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly RuleFileProblem[],
  ) {
    super(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'RuleFileError';
  }
}

export interface RuleFileCheck {
  groups: RuleGroup[];
  problems: RuleFileProblem[];
}

const GROUP_FIELDS = new Set(['name', 'interval', 'query_offset', 'limit', 'rules', 'labels']);
const RULE_FIELDS = new Set(['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);

/** Parses and validates; throws RuleFileError listing every problem. */
export function parseRuleFile(text: string, file = '<input>'): RuleGroup[] {
  const { groups, problems } = checkRuleFile(text);
  if (problems.length > 0) throw new RuleFileError(file, problems);
  return groups;
}

export async function loadRuleFile(path: string): Promise<RuleGroup[]> {
  return parseRuleFile(await readFile(path, 'utf8'), path);
}

/** Validates a rule file and returns what could be read along with every problem found. */
export function checkRuleFile(text: string): RuleFileCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const problems: RuleFileProblem[] = [];
  for (const error of doc.errors) {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    problems.push({ line: pos.line, column: pos.col, path: '', message: `yaml: ${error.message.split('\n')[0]}` });
  }
  if (problems.length > 0) return { groups: [], problems };
  const checker = new Checker(text, lineCounter, problems);
  return { groups: checker.file(doc.contents), problems };
}

class Checker {
  constructor(
    private readonly text: string,
    private readonly lines: LineCounter,
    private readonly problems: RuleFileProblem[],
  ) {}

  private at(node: Node | null | undefined, fallback: FilePosition = { line: 1, column: 1 }): FilePosition {
    return nodePosition(this.lines, node, fallback);
  }

  private report(where: FilePosition, path: string, message: string): void {
    this.problems.push({ ...where, path, message });
  }

  file(root: Node | null): RuleGroup[] {
    if (root === null || (isScalar(root) && root.value === null)) return [];
    const fields = this.fields(root, '', 'rulefmt.RuleGroups', new Set(['groups']));
    if (!fields) return [];
    const groupsNode = fields.get('groups')?.value as Node | undefined;
    if (!groupsNode || (isScalar(groupsNode) && groupsNode.value === null)) return [];
    if (!isSeq(groupsNode)) {
      this.report(this.at(groupsNode), 'groups', `cannot unmarshal ${yamlKind(groupsNode)} into []rulefmt.RuleGroup`);
      return [];
    }
    const seen = new Set<string>();
    const groups: RuleGroup[] = [];
    groupsNode.items.forEach((item, i) => {
      const group = this.group(item as Node, `groups[${i}]`, seen);
      if (group) groups.push(group);
    });
    return groups;
  }

  /** A mapping's pairs by key; reports unknown keys (Prometheus decodes with KnownFields). */
  private fields(node: Node, path: string, typeName: string, known: ReadonlySet<string>): Map<string, Pair> | undefined {
    if (!isMap(node)) {
      this.report(this.at(node), path, `cannot unmarshal ${yamlKind(node)} into ${typeName}`);
      return undefined;
    }
    const fields = new Map<string, Pair>();
    for (const pair of (node as YAMLMap).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!known.has(key)) this.report(this.at(pair.key as Node), join(path, key), `field ${key} not found in type ${typeName}`);
      else fields.set(key, pair);
    }
    return fields;
  }

  private scalarText(pair: Pair | undefined, path: string, typeName = 'string'): { text: string; node: Scalar } | undefined {
    const node = pair?.value as Node | undefined;
    if (!node || (isScalar(node) && node.value === null)) return undefined;
    if (!isScalar(node)) {
      this.report(this.at(node), path, `cannot unmarshal ${yamlKind(node)} into ${typeName}`);
      return undefined;
    }
    const text = typeof node.value === 'string' ? node.value : this.text.slice(node.range![0], node.range![1]).trim();
    return { text, node };
  }

  private duration(pair: Pair | undefined, path: string): number | undefined {
    const value = this.scalarText(pair, path, 'model.Duration');
    if (!value) return undefined;
    try {
      return parseDuration(value.text);
    } catch (error) {
      this.report(this.at(value.node), path, (error as Error).message);
      return undefined;
    }
  }

  private stringMap(pair: Pair | undefined, path: string): { values: Record<string, string>; nodes: Map<string, { key: Node; value: Scalar }> } {
    const values: Record<string, string> = {};
    const nodes = new Map<string, { key: Node; value: Scalar }>();
    const node = pair?.value as Node | undefined;
    if (!node || (isScalar(node) && node.value === null)) return { values, nodes };
    if (!isMap(node)) {
      this.report(this.at(node), path, `cannot unmarshal ${yamlKind(node)} into map[string]string`);
      return { values, nodes };
    }
    for (const item of node.items) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const value = this.scalarText(item, join(path, key));
      values[key] = value?.text ?? '';
      if (value) nodes.set(key, { key: item.key as Node, value: value.node });
    }
    return { values, nodes };
  }

  private checkLabels(labels: Record<string, string>, nodes: Map<string, { key: Node }>, path: string, context: string): void {
    for (const name of Object.keys(labels)) {
      if (!isValidLabelName(name) || name === '__name__') {
        this.report(this.at(nodes.get(name)?.key), join(path, name), `${context}invalid label name: ${name}`);
      }
    }
  }

  private group(node: Node, path: string, seen: Set<string>): RuleGroup | undefined {
    const fields = this.fields(node, path, 'rulefmt.RuleGroup', GROUP_FIELDS);
    if (!fields) return undefined;
    const where = this.at(node);
    const name = this.scalarText(fields.get('name'), join(path, 'name'))?.text ?? '';
    if (name === '') this.report(where, join(path, 'name'), 'Groupname must not be empty');
    else if (seen.has(name)) this.report(where, join(path, 'name'), `groupname: "${name}" is repeated in the same file`);
    seen.add(name);

    const group: RuleGroup = { name, rules: [] };
    const intervalMs = this.duration(fields.get('interval'), join(path, 'interval'));
    if (intervalMs !== undefined && intervalMs > 0) group.intervalMs = intervalMs;
    const queryOffsetMs = this.duration(fields.get('query_offset'), join(path, 'query_offset'));
    if (queryOffsetMs !== undefined) group.queryOffsetMs = queryOffsetMs;
    const limit = this.scalarText(fields.get('limit'), join(path, 'limit'), 'int');
    if (limit) {
      if (!/^\d+$/.test(limit.text)) this.report(this.at(limit.node), join(path, 'limit'), `cannot unmarshal !!str \`${limit.text}\` into int`);
      else if (Number(limit.text) > 0) group.limit = Number(limit.text);
    }
    const labels = this.stringMap(fields.get('labels'), join(path, 'labels'));
    this.checkLabels(labels.values, labels.nodes, join(path, 'labels'), '');
    if (Object.keys(labels.values).length > 0) group.labels = labels.values;

    const rulesNode = fields.get('rules')?.value as Node | undefined;
    if (rulesNode && !(isScalar(rulesNode) && rulesNode.value === null)) {
      if (!isSeq(rulesNode)) this.report(this.at(rulesNode), join(path, 'rules'), `cannot unmarshal ${yamlKind(rulesNode)} into []rulefmt.Rule`);
      else {
        rulesNode.items.forEach((item, i) => {
          const rule = this.rule(item as Node, `${path}.rules[${i}]`, name, i + 1);
          if (rule) group.rules.push(rule);
        });
      }
    }
    return group;
  }

  private rule(node: Node, path: string, groupName: string, ruleNumber: number): Rule | undefined {
    const fields = this.fields(node, path, 'rulefmt.Rule', RULE_FIELDS);
    if (!fields) return undefined;
    const record = this.scalarText(fields.get('record'), join(path, 'record'));
    const alert = this.scalarText(fields.get('alert'), join(path, 'alert'));
    const ruleName = alert?.text || record?.text || '';
    const context = `group "${groupName}", rule ${ruleNumber}, "${ruleName}": `;
    const report = (where: FilePosition, field: string, message: string): void => this.report(where, join(path, field), context + message);
    const ruleStart = this.at(node);

    if (record?.text && alert?.text) report(this.at(record.node), 'record', "only one of 'record' and 'alert' must be set");
    if (!record?.text && !alert?.text) report(ruleStart, '', "one of 'record' or 'alert' must be set");

    const expr = this.scalarText(fields.get('expr'), join(path, 'expr'));
    if (!expr?.text) report(expr ? this.at(expr.node) : ruleStart, 'expr', "field 'expr' must be set in rule");
    else this.checkExpr(expr.text, expr.node, (where, message) => report(where, 'expr', message));

    const forMs = this.duration(fields.get('for'), join(path, 'for')) ?? 0;
    const keepFiringForMs = this.duration(fields.get('keep_firing_for'), join(path, 'keep_firing_for')) ?? 0;
    const labels = this.stringMap(fields.get('labels'), join(path, 'labels'));
    const annotations = this.stringMap(fields.get('annotations'), join(path, 'annotations'));
    this.checkLabels(labels.values, labels.nodes, join(path, 'labels'), context);
    for (const name of Object.keys(annotations.values)) {
      if (!isValidLabelName(name)) report(this.at(annotations.nodes.get(name)?.key), `annotations.${name}`, `invalid annotation name: ${name}`);
    }

    if (record?.text) {
      const where = this.at(record.node);
      if (Object.keys(annotations.values).length > 0) report(where, 'annotations', "invalid field 'annotations' in recording rule");
      if (forMs !== 0) report(where, 'for', "invalid field 'for' in recording rule");
      if (keepFiringForMs !== 0) report(where, 'keep_firing_for', "invalid field 'keep_firing_for' in recording rule");
      if (record.text.includes('{') || record.text.includes('}')) {
        report(where, 'record', `braces present in the recording rule name; should it be in expr?: ${record.text}`);
      } else if (!isValidMetricName(record.text)) report(where, 'record', `invalid recording rule name: ${record.text}`);
    }
    if (alert?.text) {
      if (alert.text.includes('{') || alert.text.includes('}')) {
        report(this.at(alert.node), 'alert', `braces present in the alert name; labels belong under 'labels': ${alert.text}`);
      }
      const templateName = `__alert_${alert.text}`;
      for (const [kind, map] of [['label', labels], ['annotation', annotations]] as const) {
        for (const [key, nodes] of map.nodes) {
          const error = checkAlertTemplate(map.values[key]!, templateName);
          if (!error) continue;
          const where = positionInScalar(this.text, this.lines, nodes.value, { line: error.line, column: error.column });
          report(where, `${kind}s.${key}`, `${kind} "${key}": ${error.message}`);
        }
      }
    }
    if (!expr?.text || (!record?.text && !alert?.text) || (record?.text && alert?.text)) return undefined;
    if (record?.text) return { kind: 'record', record: record.text, expr: expr.text, labels: labels.values } satisfies RecordingRule;
    return {
      kind: 'alert',
      alert: alert!.text,
      expr: expr.text,
      forMs,
      keepFiringForMs,
      labels: labels.values,
      annotations: annotations.values,
    } satisfies AlertingRule;
  }

  private checkExpr(expr: string, node: Scalar, report: (where: FilePosition, message: string) => void): void {
    try {
      parseExpr(expr);
    } catch (error) {
      if (!(error instanceof PromqlError)) throw error;
      const inner = error.position ? lineColumn(expr, error.position.start) : { line: 1, column: 1 };
      report(positionInScalar(this.text, this.lines, node, inner), `could not parse expression: ${error.message}`);
    }
  }
}

function join(path: string, field: string): string {
  if (field === '') return path;
  return path === '' ? field : `${path}.${field}`;
}

function yamlKind(node: Node): string {
  if (isMap(node)) return '!!map';
  if (isSeq(node)) return '!!seq';
  if (isScalar(node)) return typeof node.value === 'number' ? '!!int' : typeof node.value === 'boolean' ? '!!bool' : '!!str';
  return '!!node';
}
