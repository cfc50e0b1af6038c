export * from './ast.js';
export * from './labels.js';
export * from './values.js';
export * from './errors.js';
export * from './storage/storage.js';
export * from './functions/signatures.js';
export * from './engine/engine.js';
export * from './parser/parser.js';
export { matcherMatches } from './parser/matchers.js';
