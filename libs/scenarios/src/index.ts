export * from './topology.js';
export * from './stack-profile.js';
