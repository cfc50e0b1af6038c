import { describe, expect, it } from 'vitest';
import { AlertTemplate, checkAlertTemplate, expandAlertTemplate } from './alert-template.js';
import { formatG, sprintf } from './go-format.js';
import { GoInt } from './values.js';
import { humanize, humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp } from './humanize.js';

const data = { labels: { instance: 'db-1:5432', job: 'db' }, externalLabels: { cluster: 'drill' }, value: 1234567 };
const render = (text: string, value = data.value): string => AlertTemplate.parse(text, '__alert_Test').render({ ...data, value });

describe('Go number formatting', () => {
  it.each([
    [1234567, undefined, '1.234567e+06'],
    [1e6, undefined, '1e+06'],
    [123456, undefined, '123456'],
    [0.0001, undefined, '0.0001'],
    [0.00001, undefined, '1e-05'],
    [1.5, undefined, '1.5'],
    [1.2345678, 4, '1.235'],
    [12, 4, '12'],
    [100000, 4, '1e+05'],
    [0.001234, 4, '0.001234'],
    [9999.9, 4, '1e+04'],
    [NaN, 4, 'NaN'],
    [-Infinity, 4, '-Inf'],
  ])('formatG(%s, %s) = %s', (value, precision, expected) => {
    expect(formatG(value, precision)).toBe(expected);
  });

  it('implements printf verbs, widths and Go error forms', () => {
    expect(sprintf('%.2f', [3.14159])).toBe('3.14');
    expect(sprintf('%5.1f|%-4s|%03d', [2.25, 'ab', new GoInt(7)])).toBe('  2.2|ab  |007');
    expect(sprintf('%s=%v', ['a', 0.5])).toBe('a=0.5');
    expect(sprintf('%d', [1.5])).toBe('%!d(float64=1.5)');
    expect(sprintf('%s %s', ['x'])).toBe('x %!s(MISSING)');
    expect(sprintf('100%%', [])).toBe('100%');
  });
});

describe('humanize functions (Prometheus outputs)', () => {
  it.each([
    [humanize, 1234567, '1.235M'],
    [humanize, 0, '0'],
    [humanize, 0.001234, '1.234m'],
    [humanize, 12, '12'],
    [humanize, -1500, '-1.5k'],
    [humanize1024, 1048576, '1Mi'],
    [humanize1024, 1, '1'],
    [humanizeDuration, 3600, '1h 0m 0s'],
    [humanizeDuration, 90061, '1d 1h 1m 1s'],
    [humanizeDuration, 65, '1m 5s'],
    [humanizeDuration, 1.5, '1.5s'],
    [humanizeDuration, 0.25, '250ms'],
    [humanizeDuration, 0, '0s'],
    [humanizePercentage, 0.1234, '12.34%'],
    [humanizePercentage, 1, '100%'],
    [humanizeTimestamp, 1435065584.128, '2015-06-23 13:19:44.128 +0000 UTC'],
    [humanizeTimestamp, 0, '1970-01-01 00:00:00 +0000 UTC'],
  ] as const)('%o(%s) = %s', (fn, value, expected) => {
    expect(fn(value)).toBe(expected);
  });
});

describe('alert templates', () => {
  it('expands labels, value and external labels in both spellings', () => {
    expect(render('Instance {{ $labels.instance }} of {{ .Labels.job }} in {{ $externalLabels.cluster }}')).toBe('Instance db-1:5432 of db in drill');
    expect(render('{{ $value }} / {{ .Value }}')).toBe('1.234567e+06 / 1.234567e+06');
    expect(render('{{ $labels.missing }}|')).toBe('|');
  });

  it('runs pipelines and functions', () => {
    expect(render('{{ $value | humanize }}')).toBe('1.235M');
    expect(render('{{ humanizePercentage 0.5 }}', 0)).toBe('50%');
    expect(render('{{ printf "%.2f" $value }}', 0.12345)).toBe('0.12');
    expect(render('{{ $labels.job | toUpper }} {{ title "hello world" }} {{ toLower "ABC" }}')).toBe('DB Hello World abc');
    expect(render('{{ reReplaceAll ":[0-9]+" "" $labels.instance }}')).toBe('db-1');
    expect(render('{{ reReplaceAll "(.*):(.*)" "$2/$1" $labels.instance }}')).toBe('5432/db-1');
    expect(render('{{ "3600" | humanizeDuration }}')).toBe('1h 0m 0s');
    expect(render('{{ len $labels }} {{ index $labels "job" }}')).toBe('2 db');
  });

  it('handles if/else if/else, with, range, variables and trim markers', () => {
    const text = '{{ if gt $value 100.0 }}high{{ else if gt $value 10.0 }}medium{{ else }}low{{ end }}';
    expect(render(text, 500)).toBe('high');
    expect(render(text, 50)).toBe('medium');
    expect(render(text, 5)).toBe('low');
    expect(render('{{ if eq $labels.job "db" }}yes{{ end }}')).toBe('yes');
    expect(render('{{ with $labels.job }}job={{ . }}{{ end }}{{ with $labels.none }}x{{ else }}-{{ end }}')).toBe('job=db-');
    expect(render('{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}')).toBe('instance=db-1:5432;job=db;');
    expect(render('{{ $x := humanize $value }}v={{ $x }}')).toBe('v=1.235M');
    expect(render('a  {{- "b" -}}  c {{/* note */}}d')).toBe('abc d');
    expect(render('{{ if and (gt $value 1.0) (eq $labels.job "db") }}both{{ end }}')).toBe('both');
  });

  it('reports parse errors with Go wording and position', () => {
    expect(checkAlertTemplate('{{ nope $value }}', '__alert_X')?.message).toBe('template: __alert_X:1: function "nope" not defined');
    expect(checkAlertTemplate('line\n{{ if $value }}x', '__alert_X')?.message).toBe('template: __alert_X:2: unexpected EOF');
    expect(checkAlertTemplate('{{ $labels.x', '__alert_X')?.message).toBe('template: __alert_X:1: unclosed action');
    expect(checkAlertTemplate('{{ $undefined }}', '__alert_X')?.message).toBe('template: __alert_X:1: undefined variable "$undefined"');
    expect(checkAlertTemplate('{{ end }}', '__alert_X')?.message).toBe('template: __alert_X:1: unexpected {{end}}');
    expect(checkAlertTemplate('plain {{ $labels.x }}', '__alert_X')).toBeUndefined();
  });

  it('turns failures into the annotation text instead of throwing', () => {
    expect(expandAlertTemplate('{{ humanize "abc" }}', '__alert_X', data)).toBe(
      '<error expanding template: error executing template __alert_X: template: __alert_X:1:3: executing "__alert_X" at <humanize "abc">: error calling humanize: strconv.ParseFloat: parsing "abc": invalid syntax>',
    );
    expect(expandAlertTemplate('{{ .Nope }}', '__alert_X', data)).toContain("can't evaluate field Nope");
    expect(expandAlertTemplate('{{ nope }}', '__alert_X', data)).toBe(
      '<error expanding template: error parsing template __alert_X: template: __alert_X:1: function "nope" not defined>',
    );
  });
});
