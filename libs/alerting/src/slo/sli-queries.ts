import { WINDOW_PLACEHOLDER, histogramReference, type SloSpec } from './spec.js';

/**
 * The error ratio of an SLI over one range window, as a PromQL expression. Ratio SLIs substitute
 * the window into the user's queries; latency SLIs count requests in the threshold's `le` bucket
 * as good. Bucket bounds are compared as text, as Prometheus does, so `thresholdSeconds` must equal
 * an existing bucket bound: JavaScript's shortest rendering (`0.5`, `1`, `2.5`) is what prom-client
 * exposes and what Prometheus 3 normalises other clients' bounds to.
 */
export function errorRatioExpr(sli: SloSpec['sli'], window: string): string {
  if (sli.ratio) {
    const fill = (query: string): string => query.replaceAll(WINDOW_PLACEHOLDER, window);
    const total = fill(sli.ratio.total);
    if (sli.ratio.bad !== undefined) return `(${fill(sli.ratio.bad)}) / (${total})`;
    return `1 - ((${fill(sli.ratio.good!)}) / (${total}))`;
  }
  const { baseName, matchers } = histogramReference(sli.latency!);
  const le = `le="${String(sli.latency!.thresholdSeconds)}"`;
  const good = `sum(rate(${baseName}_bucket{${matchers === '' ? le : `${matchers},${le}`}}[${window}]))`;
  const total = `sum(rate(${baseName}_count${matchers === '' ? '' : `{${matchers}}`}[${window}]))`;
  return `1 - (${good} / ${total})`;
}
