export * from './topology.js';
export * from './stack-profile.js';
export * from './scenario/schema.js';
export * from './scenario/runbook.js';
