import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineProgress, statusLine, TtyProgress, type ProgressStatus } from './progress.js';

function sink(): Writable & { text: string; columns?: number } {
  const out = new Writable({
    write(chunk, _encoding, done) {
      out.text += String(chunk);
      done();
    },
  }) as Writable & { text: string; columns?: number };
  out.text = '';
  return out;
}

const status: ProgressStatus = { index: 1, total: 3, scenarioId: 'error-spike-bad-deploy', phase: 'running', stackMs: 130_000, wallMs: 4_300, met: 2, failed: 0, expectations: 6 };

describe('progress', () => {
  it('shows phase, stack time against wall time and expectations met on one line', () => {
    expect(statusLine(status)).toBe('[1/3] error-spike-bad-deploy · running · stack 2m10s / wall 4s · 2/6 met');
    expect(statusLine({ ...status, failed: 1 })).toContain('2/6 met, 1 failed');
  });

  it('without a TTY writes one timestamped line per event and no status', () => {
    const out = sink();
    let now = 1000;
    const progress = new LineProgress(out, () => now);
    progress.status(status);
    now = 3500;
    progress.event('demo', 'alert X firing');
    progress.done();
    expect(out.text).toBe('   2.5s demo: alert X firing\n');
  });

  it('on a TTY redraws the status line in place and scrolls events above it', () => {
    const out = sink();
    out.columns = 30;
    const progress = new TtyProgress(out);
    progress.status(status);
    progress.event('demo', 'fault injected');
    progress.done();
    expect(out.text).toBe('\r\x1b[2K[1/3] error-spike-bad-deploy…\r\x1b[2K  demo: fault injected\n[1/3] error-spike-bad-deploy…\r\x1b[2K');
  });
});
