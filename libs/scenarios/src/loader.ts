// The scenario loader and validator: `@firedrill/scenarios/loader`. Kept out of the main entry so
// the demo-stack replicas, which import the topology, do not load YAML and the PromQL parser.
export * from './scenario/loader.js';
export * from './scenario/catalogue.js';
export * from './scenario/runbook-parser.js';
export * from './scenario/vocabulary.js';
export * from './scenario/problems.js';
export * from './scenario/duration.js';
export { metricsOfPromql, type PromqlMetrics } from './scenario/promql-metrics.js';
