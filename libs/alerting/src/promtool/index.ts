export { runRuleUnitTestFile, type TestCaseResult, type TestCaseStatus, type UnitTestFileResult } from './runner.js';
export { formatUnitTestReport, type UnitTestSummary } from './report.js';
export { parseUnitTestFile, UnitTestFileError, type UnitTestFile, type TestGroup, type AlertRuleTest, type PromqlExprTest } from './unit-test-file.js';
