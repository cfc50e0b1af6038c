import { describe, expect, it } from 'vitest';
import { RuleFileError, checkRuleFile, parseRuleFile } from './rule-file.js';
import { formatRuleFile } from './rule-file-format.js';

const VALID = `groups:
  - name: alerts
    interval: 30s
    rules:
      - alert: InstanceDown
        expr: up == 0
        for: 5m
        keep_firing_for: 1m
        labels:
          severity: page
        annotations:
          summary: "Instance {{ $labels.instance }} down"
      - record: job:up:sum
        expr: |
          sum by (job) (
            up
          )
        labels:
          source: rules
  - name: empty
    rules: []
`;

function problemsOf(text: string): { where: string; path: string; message: string }[] {
  return checkRuleFile(text).problems.map((p) => ({ where: `${p.line}:${p.column}`, path: p.path, message: p.message }));
}

describe('rule file loading', () => {
  it('reads groups and rules with durations in ms', () => {
    const groups = parseRuleFile(VALID, 'rules.yml');
    expect(groups).toEqual([
      {
        name: 'alerts',
        intervalMs: 30_000,
        rules: [
          {
            kind: 'alert',
            alert: 'InstanceDown',
            expr: 'up == 0',
            forMs: 300_000,
            keepFiringForMs: 60_000,
            labels: { severity: 'page' },
            annotations: { summary: 'Instance {{ $labels.instance }} down' },
          },
          { kind: 'record', record: 'job:up:sum', expr: 'sum by (job) (\n  up\n)\n', labels: { source: 'rules' } },
        ],
      },
      { name: 'empty', rules: [] },
    ]);
  });

  it('accepts a scalar expression and an empty file', () => {
    expect(parseRuleFile('groups:\n  - name: g\n    rules:\n      - alert: Always\n        expr: 1\n')[0]!.rules[0]!.expr).toBe('1');
    expect(parseRuleFile('')).toEqual([]);
  });

  it('reports every problem with its line, column and path', () => {
    const text = `groups:
  - name: g
    unknown: 1
    rules:
      - record: bad-name
        expr: sum(up)
        for: 5m
      - alert: A
        record: b
        expr: up
      - expr: up
      - alert: B
        expr: sum(up
        for: 5x
        labels:
          __name__: x
          0bad: y
        annotations:
          summary: "{{ nope }}"
      - record: r
        expr: up
        keep_firing_for: 1m
        annotations:
          a: b
  - name: g
    rules:
      - alert: C{severity="page"}
        expr: |
          rate(x[5m])
            + foo bar
`;
    expect(problemsOf(text)).toEqual([
      { where: '3:5', path: 'groups[0].unknown', message: 'field unknown not found in type rulefmt.RuleGroup' },
      { where: '5:17', path: 'groups[0].rules[0].for', message: `group "g", rule 1, "bad-name": invalid field 'for' in recording rule` },
      { where: '5:17', path: 'groups[0].rules[0].record', message: 'group "g", rule 1, "bad-name": invalid recording rule name: bad-name' },
      { where: '9:17', path: 'groups[0].rules[1].record', message: `group "g", rule 2, "A": only one of 'record' and 'alert' must be set` },
      { where: '11:9', path: 'groups[0].rules[2]', message: `group "g", rule 3, "": one of 'record' or 'alert' must be set` },
      {
        where: '13:21',
        path: 'groups[0].rules[3].expr',
        message: 'group "g", rule 4, "B": could not parse expression: 1:7: parse error: unclosed left parenthesis',
      },
      { where: '14:14', path: 'groups[0].rules[3].for', message: 'not a valid duration string: "5x"' },
      { where: '16:11', path: 'groups[0].rules[3].labels.__name__', message: 'group "g", rule 4, "B": invalid label name: __name__' },
      { where: '17:11', path: 'groups[0].rules[3].labels.0bad', message: 'group "g", rule 4, "B": invalid label name: 0bad' },
      {
        where: '19:24',
        path: 'groups[0].rules[3].annotations.summary',
        message: 'group "g", rule 4, "B": annotation "summary": template: __alert_B:1: function "nope" not defined',
      },
      { where: '20:17', path: 'groups[0].rules[4].annotations', message: `group "g", rule 5, "r": invalid field 'annotations' in recording rule` },
      { where: '20:17', path: 'groups[0].rules[4].keep_firing_for', message: `group "g", rule 5, "r": invalid field 'keep_firing_for' in recording rule` },
      { where: '25:5', path: 'groups[1].name', message: 'groupname: "g" is repeated in the same file' },
      expect.objectContaining({ where: '30:19', path: 'groups[1].rules[0].expr', message: expect.stringContaining('could not parse expression: 2:9: parse error:') }),
      expect.objectContaining({ where: '27:16', path: 'groups[1].rules[0].alert', message: expect.stringContaining('braces present in the alert name') }),
    ]);
  });

  it('reports YAML syntax errors and wrong types', () => {
    expect(problemsOf('groups:\n  - name: [\n')[0]!.message).toMatch(/^yaml: /);
    expect(problemsOf('groups: 3\n')).toEqual([{ where: '1:9', path: 'groups', message: 'cannot unmarshal !!int into []rulefmt.RuleGroup' }]);
  });

  it('throws one RuleFileError listing file:line:col per problem', () => {
    const error = (() => {
      try {
        parseRuleFile('groups:\n  - name: ""\n    rules: []\n  - nme: x\n', 'bad.yml');
      } catch (caught) {
        return caught as RuleFileError;
      }
      throw new Error('expected RuleFileError');
    })();
    expect(error).toBeInstanceOf(RuleFileError);
    expect(error.message).toBe(
      ['bad.yml:2:5: Groupname must not be empty', 'bad.yml:4:5: field nme not found in type rulefmt.RuleGroup', 'bad.yml:4:5: Groupname must not be empty'].join('\n'),
    );
  });
});

describe('rule file export', () => {
  it('prints Prometheus-loadable YAML that loads back to the same groups', () => {
    const groups = parseRuleFile(VALID);
    const text = formatRuleFile(groups);
    expect(text).toContain('    interval: 30s\n');
    expect(text).toContain('        for: 5m\n        keep_firing_for: 1m\n');
    expect(text.indexOf('alert: InstanceDown')).toBeLessThan(text.indexOf('expr: up == 0'));
    expect(parseRuleFile(text)).toEqual(groups);
  });
});
