export * from './signatures.js';
export * from './range-functions.js';
export * from './sample-functions.js';
export * from './histogram-quantile.js';
export * from './aggregation-math.js';
export * from './go-format.js';
export * from './date-functions.js';
