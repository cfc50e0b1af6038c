import { describe, expect, it } from 'vitest';
import { ExpositionError, formatOfContentType, parseExposition, type ExpositionFormat } from './exposition-parser.js';

const text = (body: string) => parseExposition(body, 'text').samples;
const om = (body: string, keepCreatedSeries = false) => parseExposition(body, 'openmetrics', { keepCreatedSeries }).samples;
const failure = (body: string, format: ExpositionFormat = 'text'): ExpositionError => {
  try {
    parseExposition(body, format);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpositionError);
    return error as ExpositionError;
  }
  throw new Error(`expected ${JSON.stringify(body)} to fail`);
};

describe('Prometheus text format 0.0.4', () => {
  it('reads a prom-client style exposition with help, type and a histogram', () => {
    const samples = text(
      [
        '# HELP http_requests_total HTTP requests served.',
        '# TYPE http_requests_total counter',
        'http_requests_total{service="catalog",route="/products",status="200"} 1027',
        'http_requests_total{service="catalog",route="/products",status="500"} 0',
        '# TYPE lat histogram',
        'lat_bucket{le="0.005"} 3',
        'lat_bucket{le="+Inf"} 7',
        'lat_sum 0.25',
        'lat_count 7',
        '',
      ].join('\n'),
    );
    expect(samples).toHaveLength(6);
    expect(samples[0]).toEqual({
      labels: { __name__: 'http_requests_total', service: 'catalog', route: '/products', status: '200' },
      value: 1027,
    });
    expect(samples[3]!.labels).toEqual({ __name__: 'lat_bucket', le: '+Inf' });
    expect(samples[5]).toEqual({ labels: { __name__: 'lat_count' }, value: 7 });
  });

  it('keeps help, type per family', () => {
    const { metadata } = parseExposition('# HELP a Line one\\nline two \\\\ \\"kept\\"\n# TYPE a gauge\na 1\n', 'text');
    expect(metadata.get('a')).toEqual({ help: 'Line one\nline two \\ \\"kept\\"', type: 'gauge' });
  });

  it('unescapes label values and keeps unknown escapes as written', () => {
    const [sample] = text('m{a="back\\\\slash",b="quote\\"d",c="new\\nline",d="tab\\tkept"} 1');
    expect(sample!.labels).toMatchObject({ a: 'back\\slash', b: 'quote"d', c: 'new\nline', d: 'tab\\tkept' });
  });

  it('reads label values full of syntax: braces, commas, equals, hashes, blanks, UTF-8', () => {
    const [sample] = text('m{path="/a,b}=c # d",emoji="🔥 ünïcödé",empty_ok="x y"} 2');
    expect(sample!.labels).toEqual({ __name__: 'm', path: '/a,b}=c # d', emoji: '🔥 ünïcödé', empty_ok: 'x y' });
  });

  it('reads special and odd float values in any case', () => {
    const values = ['NaN', 'Nan', 'nan', 'NAN', '+Inf', '-Inf', 'inf', 'INF', '+infinity', '-Infinity', '1e3', '-1.5E-3', '.5', '1.', '-0', '+7'];
    const samples = text(values.map((value, i) => `v{i="${i}"} ${value}`).join('\n'));
    expect(samples.map((s) => s.value)).toEqual([NaN, NaN, NaN, NaN, Infinity, -Infinity, Infinity, Infinity, Infinity, -Infinity, 1000, -0.0015, 0.5, 1, -0, 7]);
  });

  it.each(['0x10', '1_000', 'abc', '+nan', '1e', '--1', 'Inff', '1.2.3', '0x1p-2', 'NaNa'])('rejects the value %s', (value) => {
    expect(failure(`a 1\nb ${value}`).message).toBe(`line 2: invalid value "${value}"`);
  });

  it('reads integer millisecond timestamps and rejects fractional ones', () => {
    expect(text('a 1 1700000000123\nb 2 -5')).toEqual([
      { labels: { __name__: 'a' }, value: 1, timestampMs: 1700000000123 },
      { labels: { __name__: 'b' }, value: 2, timestampMs: -5 },
    ]);
    expect(failure('a 1 1.5').message).toMatch(/line 1: invalid timestamp "1.5"/);
    expect(failure('a 1 99999999999999999999').message).toMatch(/invalid timestamp/);
  });

  it('tolerates tabs, runs of blanks, leading and trailing blanks, CRLF, blank lines and plain comments', () => {
    const samples = text('\r\n# just a comment\n#HELP not metadata\n  \t\n\ta\t 1 \t\r\nb { x = "1" , y="2" , } 2  \n');
    expect(samples).toEqual([
      { labels: { __name__: 'a' }, value: 1 },
      { labels: { __name__: 'b', x: '1', y: '2' }, value: 2 },
    ]);
  });

  it('accepts empty braces and a trailing comma, and drops empty label values', () => {
    expect(text('a{} 1\nb{x="1",} 2\nc{x=""} 3').map((s) => s.labels)).toEqual([
      { __name__: 'a' },
      { __name__: 'b', x: '1' },
      { __name__: 'c' },
    ]);
  });

  it('reads quoted UTF-8 metric and label names', () => {
    const { samples, metadata } = parseExposition('# TYPE "my.metric" gauge\n{"my.metric","dotted.label"="v",plain="p"} 4\n{__name__="old_style"} 5', 'text');
    expect(samples[0]).toEqual({ labels: { __name__: 'my.metric', 'dotted.label': 'v', plain: 'p' }, value: 4 });
    expect(samples[1]!.labels).toEqual({ __name__: 'old_style' });
    expect(metadata.get('my.metric')?.type).toBe('gauge');
  });

  it('ignores exemplars safely even in the text format', () => {
    expect(text('a_total 3 # {trace_id="4bf92f3577b34da6"} 1.0 123.456')).toEqual([{ labels: { __name__: 'a_total' }, value: 3 }]);
  });

  it('reads an empty body as no samples', () => {
    expect(text('')).toEqual([]);
    expect(text('\n\n')).toEqual([]);
  });

  it.each([
    ['a', 'line 1: expected a blank before the value, found end of line'],
    ['a ', 'line 1: missing value'],
    ['a 1 2 3', 'line 1: unexpected "3" after the value'],
    ['a{b="1} 1', 'line 1: unterminated quoted string'],
    ['a{b="1" 1', 'line 1: expected "," or "}" in the label set, found "1"'],
    ['a{b="1",', 'line 1: unterminated label set'],
    ['a{1b="1"} 1', 'line 1: invalid label name "1b=\\"1\\"} 1"'],
    ['a{b} 1', 'line 1: expected "=" after label name "b", found "} 1"'],
    ['a{b=1} 1', 'line 1: expected a quoted value for label "b", found "1} 1"'],
    ['a{b="1",b="2"} 1', 'line 1: duplicate label name "b"'],
    ['a{__name__="b"} 1', 'line 1: duplicate label name "__name__"'],
    ['a{,} 1', 'line 1: invalid label name ",} 1"'],
    ['a{b="1",,c="2"} 1', 'line 1: invalid label name ",c=\\"2\\"} 1"'],
    ['{b="1"} 1', 'line 1: sample has no metric name'],
    ['{"x","y"} 1', 'line 1: unexpected quoted name "y"'],
    ['-a 1', 'line 1: invalid metric name "-a 1"'],
    ['a-b 1', 'line 1: expected a blank before the value, found "-b 1"'],
    ['# TYPE a', 'line 1: expected a metric type after "# TYPE a"'],
    ['# TYPE a countr', 'line 1: invalid metric type "countr"'],
    ['# TYPE a gaugehistogram', 'line 1: invalid metric type "gaugehistogram"'],
    ['# TYPE a counter extra', 'line 1: unexpected "extra" after the metric type'],
    ['# HELP 1a x', 'line 1: invalid metric name "1a x"'],
    ['a 1 # trace_id="x"', 'line 1: expected "{" starting the exemplar labels, found "trace_id=\\"x\\""'],
    ['a 1 # {trace_id="x"}', 'line 1: expected a blank before the exemplar value'],
  ])('rejects %j', (body, message) => {
    expect(failure(body).message).toBe(message);
  });

  it('names the line of the first malformed line', () => {
    const error = failure('# HELP a ok\n# TYPE a gauge\na 1\n\na{x="1"} one\na 2');
    expect(error.line).toBe(5);
    expect(error.message).toBe('line 5: invalid value "one"');
  });
});

describe('OpenMetrics 1.0 text', () => {
  it('reads float-second timestamps, UNIT and EOF', () => {
    const { samples, metadata } = parseExposition('# TYPE temp gauge\n# UNIT temp celsius\n# HELP temp A \\"quoted\\" help.\ntemp 21.5 1700000000.123\n# EOF\n', 'openmetrics');
    expect(samples).toEqual([{ labels: { __name__: 'temp' }, value: 21.5, timestampMs: 1700000000123 }]);
    expect(metadata.get('temp')).toEqual({ type: 'gauge', unit: 'celsius', help: 'A "quoted" help.' });
  });

  it('skips _created of counters, histograms and summaries, unless asked, but keeps a gauge named *_created', () => {
    const body = [
      '# TYPE req counter',
      'req_total 5',
      'req_created 1700000000.5',
      '# TYPE h histogram',
      'h_bucket{le="+Inf"} 1',
      'h_count 1',
      'h_sum 0.1',
      'h_created 1700000000',
      '# TYPE job_created gauge',
      'job_created 3',
      '# EOF',
    ].join('\n');
    expect(om(body).map((s) => s.labels.__name__)).toEqual(['req_total', 'h_bucket', 'h_count', 'h_sum', 'job_created']);
    expect(om(body, true).map((s) => s.labels.__name__)).toContain('req_created');
  });

  it('ignores exemplars on counters and buckets', () => {
    const body = ['# TYPE a counter', 'a_total 3 # {trace_id="4bf9"} 1.0 1700000000.001', 'b_bucket{le="0.1"} 2 1700000000 # {trace_id="x",span_id="y"} 0.05', '# EOF'].join('\n');
    expect(om(body)).toEqual([
      { labels: { __name__: 'a_total' }, value: 3 },
      { labels: { __name__: 'b_bucket', le: '0.1' }, value: 2, timestampMs: 1700000000000 },
    ]);
  });

  it.each([
    ['a 1', 'line 1: OpenMetrics exposition does not end with "# EOF"'],
    ['', 'line 1: OpenMetrics exposition does not end with "# EOF"'],
    ['a 1\n# EOF\na 2', 'line 3: unexpected data after "# EOF"'],
    ['a 1\n\n# EOF', 'line 2: empty lines are not allowed in OpenMetrics'],
    ['# random comment\n# EOF', 'line 1: OpenMetrics allows only "# HELP", "# TYPE", "# UNIT" and "# EOF" comments'],
    ['a 1 NaN\n# EOF', 'line 1: invalid timestamp "NaN" (seconds expected)'],
    ['a 1 +Inf\n# EOF', 'line 1: invalid timestamp "+Inf" (seconds expected)'],
    ['a 1 # {x="y"} 1 never\n# EOF', 'line 1: invalid exemplar timestamp "never"'],
    ['a 1 # {"name_not_allowed"} 1\n# EOF', 'line 1: unexpected quoted name "name_not_allowed"'],
    ['# EOF trailing\n', 'line 1: unexpected text after "# EOF"'],
    ['# TYPE a untyped\n# EOF', 'line 1: invalid metric type "untyped"'],
  ])('rejects %j', (body, message) => {
    expect(failure(body, 'openmetrics').message).toBe(message);
  });

  it('accepts "# EOF" with or without a final newline', () => {
    expect(om('a 1\n# EOF')).toHaveLength(1);
    expect(om('a 1\n# EOF\n')).toHaveLength(1);
  });
});

describe('formatOfContentType', () => {
  it('picks OpenMetrics only for its media type', () => {
    expect(formatOfContentType('application/openmetrics-text; version=1.0.0; charset=utf-8')).toBe('openmetrics');
    expect(formatOfContentType('text/plain; version=0.0.4; charset=utf-8')).toBe('text');
    expect(formatOfContentType(undefined)).toBe('text');
  });
});
