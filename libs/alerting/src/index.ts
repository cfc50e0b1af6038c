export * from './rules/types.js';
