export { expandSeriesItems, expandSeriesValues, parseMetric, parseSeriesLine } from './series-notation.js';
export type { SeriesItems, SeriesLine, SeriesValue } from './series-notation.js';
export { parseTestFile, parseTestDuration, TestFileError } from './test-file.js';
export type { ClearCommand, EvalCommand, LoadCommand, TestCommand } from './test-file.js';
export { runPromqlTestFile, runPromqlTestText } from './runner.js';
export type { PromqlTestCase, PromqlTestFileResult, PromqlTestOptions, QueryEngine } from './runner.js';
