export * from './topology.js';
export * from './stack-profile.js';
export * from './scenario/schema.js';
export * from './scenario/runbook.js';
export * from './scenario/duration.js';
export * from './scenario/problems.js';
