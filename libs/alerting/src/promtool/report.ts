import type { UnitTestFileResult } from './runner.js';

export interface UnitTestSummary {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * promtool's output (`Unit Testing:  FILE`, `SUCCESS` or `FAILED:` with each difference),
 * then one closing line `N passed, N failed` counting test cases (`, N skipped` when some
 * needed native histograms). A file that cannot be loaded counts as one failed case.
 */
export function formatUnitTestReport(results: readonly UnitTestFileResult[]): { text: string; summary: UnitTestSummary } {
  const summary: UnitTestSummary = { passed: 0, failed: 0, skipped: 0 };
  let text = '';
  for (const result of results) {
    text += `Unit Testing:  ${result.file}\n`;
    if (result.fileError) {
      summary.failed++;
      text += `  FAILED:\n    ${result.fileError.split('\n').join('\n    ')}\n\n`;
      continue;
    }
    const failed = result.cases.filter((c) => c.status === 'failed');
    const skipped = result.cases.filter((c) => c.status === 'skipped');
    summary.passed += result.cases.filter((c) => c.status === 'passed').length;
    summary.failed += failed.length;
    summary.skipped += skipped.length;
    if (failed.length === 0) text += '  SUCCESS\n';
    else {
      text += '  FAILED:\n';
      // Cases of one test group that failed together (a rule evaluation error) print once.
      for (const message of new Set(failed.map((c) => c.message ?? c.title))) text += `${message}\n\n`;
    }
    for (const c of skipped) text += `  SKIPPED: ${c.title}: ${c.message}\n`;
  }
  text += `${summary.passed} passed, ${summary.failed} failed${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ''}\n`;
  return { text, summary };
}
