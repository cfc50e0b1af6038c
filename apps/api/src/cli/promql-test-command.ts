import { readFile } from 'node:fs/promises';
import { runPromqlTestText, type PromqlTestFileResult } from '@firedrill/promql';

const USAGE = `usage: firedrill promql test [--show-skips] FILE...

Runs PromQL test files in Prometheus's promqltest format (load / clear / eval ... / expect ...).
Cases needing native histograms or experimental PromQL are skipped and counted.
Exit code: 0 all run cases passed, 1 some failed, 2 usage error or unreadable file.
`;

/** `firedrill promql test FILE…`: per-file counts and failures, then `N passed, N failed, N skipped`. */
export async function promqlTestCommand(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const files: string[] = [];
  let showSkips = false;
  for (const arg of args) {
    if (arg === '-h' || arg === '--help') {
      out.write(USAGE);
      return 0;
    }
    if (arg === '--show-skips') showSkips = true;
    else if (arg.startsWith('-')) return usageError(out, `unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length === 0) return usageError(out, 'no test file given');

  const texts: string[] = [];
  for (const file of files) {
    try {
      texts.push(await readFile(file, 'utf8'));
    } catch (error) {
      out.write(`firedrill promql test: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  }

  const total = { passed: 0, failed: 0, skipped: 0 };
  files.forEach((file, index) => {
    const result = runPromqlTestText(texts[index]!, file);
    total.passed += result.passed;
    total.failed += result.failed;
    total.skipped += result.skipped;
    out.write(formatFileResult(result, showSkips));
  });
  out.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  return total.failed > 0 ? 1 : 0;
}

function usageError(out: NodeJS.WritableStream, message: string): number {
  out.write(`firedrill promql test: ${message}\n\n${USAGE}`);
  return 2;
}

export function formatFileResult(result: PromqlTestFileResult, showSkips = false): string {
  let text = `${result.file}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped\n`;
  for (const failure of result.failures) {
    text += `  FAIL ${failure.file}:${failure.line}${failure.expr ? `  ${failure.expr}` : ''}\n       ${failure.reason}\n`;
  }
  if (showSkips) {
    for (const skip of result.skips) text += `  skip ${skip.file}:${skip.line}  ${skip.expr}\n       ${skip.reason}\n`;
  } else if (result.skipped > 0) {
    const byReason = new Map<string, number>();
    for (const skip of result.skips) byReason.set(skip.reason, (byReason.get(skip.reason) ?? 0) + 1);
    const reasons = [...byReason.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `${count} × ${reason}`);
    text += `  skipped: ${reasons.join('; ')}\n`;
  }
  return text;
}
