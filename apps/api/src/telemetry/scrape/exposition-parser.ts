import type { Labels } from '@firedrill/promql';
import { ExpositionError, LineCursor, parseFloatToken, parseIntegerMs } from './line-cursor.js';

export { ExpositionError } from './line-cursor.js';

/** Prometheus text format 0.0.4, or OpenMetrics 1.0 text (which Prometheus asks for first). */
export type ExpositionFormat = 'text' | 'openmetrics';

export interface ExposedSample {
  /** Includes `__name__`; labels with an empty value are dropped (empty means absent in Prometheus). */
  readonly labels: Labels;
  readonly value: number;
  /** Milliseconds; OpenMetrics' float seconds are converted (rounded to the millisecond). */
  readonly timestampMs?: number;
}

export interface FamilyMetadata {
  type?: string;
  help?: string;
  unit?: string;
}

export interface ParsedExposition {
  samples: ExposedSample[];
  metadata: Map<string, FamilyMetadata>;
}

export interface ParseOptions {
  /**
   * OpenMetrics `<family>_created` samples of counters, histograms and summaries carry a
   * creation time, not a measurement; they are skipped unless asked for (as Prometheus does
   * when it reads them as created timestamps). Under the text format they are ordinary series.
   */
  keepCreatedSeries?: boolean;
}

const TEXT_TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const OPENMETRICS_TYPES = new Set(['counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset', 'unknown']);
const TYPES_WITH_CREATED = new Set(['counter', 'histogram', 'gaugehistogram', 'summary']);

export function formatOfContentType(contentType: string | undefined): ExpositionFormat {
  return /^\s*application\/openmetrics-text/i.test(contentType ?? '') ? 'openmetrics' : 'text';
}

/**
 * Parses a whole exposition into samples. Any malformed line throws an ExpositionError naming
 * the line: a scrape is all or nothing. Exemplars (`# {trace_id="…"} 1 123`) are checked for
 * syntax and dropped, in both formats. A trailing `\r` on a line is tolerated.
 */
export function parseExposition(body: string, format: ExpositionFormat, options: ParseOptions = {}): ParsedExposition {
  const parser = new ExpositionParser(format, options);
  const lines = body.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => parser.line(new LineCursor(line.endsWith('\r') ? line.slice(0, -1) : line, index + 1)));
  if (format === 'openmetrics' && !parser.eofSeen) {
    throw new ExpositionError(Math.max(lines.length, 1), 'OpenMetrics exposition does not end with "# EOF"');
  }
  return { samples: parser.samples, metadata: parser.metadata };
}

class ExpositionParser {
  readonly samples: ExposedSample[] = [];
  readonly metadata = new Map<string, FamilyMetadata>();
  eofSeen = false;
  private family: { name: string; type: string } | undefined;

  constructor(
    private readonly format: ExpositionFormat,
    private readonly options: ParseOptions,
  ) {}

  private get openMetrics(): boolean {
    return this.format === 'openmetrics';
  }

  line(c: LineCursor): void {
    if (this.eofSeen) c.fail('unexpected data after "# EOF"');
    if (!this.openMetrics) c.skipBlanks();
    if (c.done) {
      if (this.openMetrics) c.fail('empty lines are not allowed in OpenMetrics');
      return;
    }
    if (c.peek() === '#') this.comment(c);
    else this.sample(c);
  }

  private comment(c: LineCursor): void {
    c.expect('#', '"#"');
    const blanks = c.skipBlanks();
    const keyword = c.token();
    const isMetadata = blanks > 0 && (keyword === 'HELP' || keyword === 'TYPE' || (keyword === 'UNIT' && this.openMetrics));
    if (blanks > 0 && keyword === 'EOF') {
      if (!this.openMetrics) return;
      c.skipBlanks();
      if (!c.done) c.fail('unexpected text after "# EOF"');
      this.eofSeen = true;
      return;
    }
    if (!isMetadata) {
      if (this.openMetrics) c.fail('OpenMetrics allows only "# HELP", "# TYPE", "# UNIT" and "# EOF" comments');
      return; // a plain comment in the text format
    }
    if (!c.skipBlanks()) c.fail(`expected a metric name after "# ${keyword}"`);
    const name = c.peek() === '"' ? c.quoted() : (c.metricName() ?? c.fail(`invalid metric name ${c.describeHere()}`));
    const entry = this.metadata.get(name) ?? {};
    this.metadata.set(name, entry);
    if (keyword === 'TYPE') {
      if (!c.skipBlanks()) c.fail(`expected a metric type after "# TYPE ${name}"`);
      const type = c.token();
      c.skipBlanks();
      if (!c.done) c.fail(`unexpected ${c.describeHere()} after the metric type`);
      if (!(this.openMetrics ? OPENMETRICS_TYPES : TEXT_TYPES).has(type)) c.fail(`invalid metric type "${type}"`);
      entry.type = type;
      this.family = { name, type };
      return;
    }
    if (!c.done && !c.skipBlanks()) c.fail(`expected a blank after the metric name, found ${c.describeHere()}`);
    const text = unescapeDescription(c.rest(), this.openMetrics);
    if (keyword === 'HELP') entry.help = text;
    else entry.unit = text;
  }

  private sample(c: LineCursor): void {
    let name = c.peek() === '{' ? undefined : (c.metricName() ?? c.fail(`invalid metric name ${c.describeHere()}`));
    let blanks = this.openMetrics ? 0 : c.skipBlanks();
    const labels: Record<string, string> = {};
    if (c.tryConsume('{')) {
      name = this.labelSet(c, labels, name);
      blanks = 0;
    }
    name ??= labels.__name__;
    if (!name) c.fail('sample has no metric name');
    labels.__name__ = name;
    if (!(blanks + c.skipBlanks())) c.fail(`expected a blank before the value, found ${c.describeHere()}`);
    const value = this.value(c);
    let timestampMs: number | undefined;
    if (c.skipBlanks() && !c.done && c.peek() !== '#') {
      timestampMs = this.timestamp(c, c.token());
      c.skipBlanks();
    }
    if (!c.done && c.peek() === '#') this.exemplar(c);
    if (!c.done) c.fail(`unexpected ${c.describeHere()} after the value`);
    if (this.isCreatedSeries(name)) return;
    for (const label of Object.keys(labels)) if (labels[label] === '') delete labels[label];
    this.samples.push(timestampMs === undefined ? { labels, value } : { labels, value, timestampMs });
  }

  /** Reads `…}` after the `{`; returns the metric name, which Prometheus 3 allows as a bare quoted string inside. */
  private labelSet(c: LineCursor, labels: Record<string, string>, name: string | undefined, allowName = true): string | undefined {
    c.skipBlanks();
    while (!c.tryConsume('}')) {
      if (c.done) c.fail('unterminated label set');
      let labelName: string;
      if (c.peek() === '"') {
        const quoted = c.quoted();
        c.skipBlanks();
        if (c.peek() !== '=') {
          if (!allowName || name !== undefined || labels.__name__ !== undefined) c.fail(`unexpected quoted name "${quoted}"`);
          name = quoted;
          this.afterLabel(c);
          continue;
        }
        labelName = quoted;
      } else {
        labelName = c.labelName() ?? c.fail(`invalid label name ${c.describeHere()}`);
        c.skipBlanks();
      }
      c.expect('=', `"=" after label name "${labelName}"`);
      c.skipBlanks();
      if (c.peek() !== '"') c.fail(`expected a quoted value for label "${labelName}", found ${c.describeHere()}`);
      const value = c.quoted();
      if (labelName in labels || (labelName === '__name__' && name !== undefined)) c.fail(`duplicate label name "${labelName}"`);
      labels[labelName] = value;
      this.afterLabel(c);
    }
    return name;
  }

  private afterLabel(c: LineCursor): void {
    c.skipBlanks();
    if (c.tryConsume(',')) c.skipBlanks();
    else if (c.peek() !== '}') c.fail(`expected "," or "}" in the label set, found ${c.describeHere()}`);
  }

  private value(c: LineCursor): number {
    const token = c.token();
    if (token === '') c.fail('missing value');
    return parseFloatToken(token) ?? c.fail(`invalid value "${token}"`);
  }

  private timestamp(c: LineCursor, token: string): number {
    if (!this.openMetrics) return parseIntegerMs(token) ?? c.fail(`invalid timestamp "${token}" (integer milliseconds expected)`);
    const seconds = parseFloatToken(token);
    if (seconds === undefined || !Number.isFinite(seconds)) c.fail(`invalid timestamp "${token}" (seconds expected)`);
    return Math.round(seconds * 1000);
  }

  /** `# {labels} value [timestamp]`: validated, then dropped; an exemplar never becomes a sample. */
  private exemplar(c: LineCursor): void {
    c.expect('#', '"#"');
    if (!c.skipBlanks()) c.fail('expected a blank after "#" of the exemplar');
    c.expect('{', '"{" starting the exemplar labels');
    this.labelSet(c, {}, undefined, false);
    if (!c.skipBlanks()) c.fail('expected a blank before the exemplar value');
    this.value(c);
    if (c.skipBlanks() && !c.done) {
      const token = c.token();
      const seconds = parseFloatToken(token);
      if (seconds === undefined || !Number.isFinite(seconds)) c.fail(`invalid exemplar timestamp "${token}"`);
      c.skipBlanks();
    }
  }

  private isCreatedSeries(name: string): boolean {
    if (!this.openMetrics || this.options.keepCreatedSeries || !this.family) return false;
    return TYPES_WITH_CREATED.has(this.family.type) && name === `${this.family.name}_created`;
  }
}

function unescapeDescription(text: string, openMetrics: boolean): string {
  return text.replace(/\\(.)/g, (escape, char: string) => {
    if (char === 'n') return '\n';
    if (char === '\\' || (openMetrics && char === '"')) return char;
    return escape;
  });
}
