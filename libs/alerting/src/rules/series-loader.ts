import { parseSeriesLine, type Appendable, type Labels } from '@firedrill/promql';

/**
 * Appends series written in the compact notation (`up{job="a"} 0 1 1x3`), one sample every
 * `intervalMs` from `startMs`. Native histogram samples are skipped and reported back.
 */
export function loadSeriesNotation(
  appendable: Appendable,
  lines: readonly string[],
  intervalMs: number,
  startMs = 0,
): { skippedHistogramSeries: Labels[] } {
  const skippedHistogramSeries: Labels[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const { labels, values, histogramIndexes } = parseSeriesLine(line.trim());
    if (histogramIndexes.length > 0) skippedHistogramSeries.push(labels);
    values.forEach((value, step) => {
      const t = startMs + step * intervalMs;
      if (value === 'stale') appendable.appendStale(labels, t);
      else if (value !== null) appendable.append(labels, t, value);
    });
  }
  return { skippedHistogramSeries };
}
