/**
 * Prometheus's legacy name rules. Prometheus 3 also accepts any UTF-8 name, but our PromQL
 * parser reads only the legacy spelling, so a rule that records or labels with anything else
 * could never be queried back.
 */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isValidMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}
