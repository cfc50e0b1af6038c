import { formatMs } from './expectations.js';

/** Where a run is, for the live status line. */
export interface ProgressStatus {
  /** 1-based position of the scenario, and how many there are. */
  index: number;
  total: number;
  scenarioId: string;
  phase: 'starting' | 'waiting for T0' | 'running' | 'remediating' | 'measuring' | 'cleaning up';
  /** Stack ms since the drill started, and wall ms since the scenario began. */
  stackMs: number;
  wallMs: number;
  met: number;
  failed: number;
  expectations: number;
}

/** What the gate tells the person or the CI log watching it. */
export interface GateProgress {
  /** Something happened (a fault, an alert, a verdict): always shown, one line. */
  event(scenarioId: string, text: string): void;
  /** The current state; a terminal redraws one line with it, a log ignores it. */
  status(status: ProgressStatus): void;
  /** Leaves the terminal's line clean before the summary. */
  done(): void;
}

/** `[1/3] error-spike-bad-deploy · running · stack 2m10s / wall 4s · 2/4 met` */
export function statusLine(status: ProgressStatus): string {
  const failed = status.failed > 0 ? `, ${status.failed} failed` : '';
  return `[${status.index}/${status.total}] ${status.scenarioId} · ${status.phase} · stack ${formatMs(status.stackMs)} / wall ${formatMs(status.wallMs)} · ${status.met}/${status.expectations} met${failed}`;
}

/** CI logs (no TTY): one timestamped line per event, nothing else. */
export class LineProgress implements GateProgress {
  private readonly startedAt: number;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly wallNow: () => number = Date.now,
  ) {
    this.startedAt = wallNow();
  }

  event(scenarioId: string, text: string): void {
    const elapsed = ((this.wallNow() - this.startedAt) / 1000).toFixed(1).padStart(6);
    this.out.write(`${elapsed}s ${scenarioId}: ${text}\n`);
  }

  status(): void {}

  done(): void {}
}

/** A terminal: events scroll above one status line that is redrawn in place. */
export class TtyProgress implements GateProgress {
  private line = '';

  constructor(private readonly out: NodeJS.WritableStream & { columns?: number }) {}

  event(scenarioId: string, text: string): void {
    this.out.write(`\r\x1b[2K  ${scenarioId}: ${text}\n${this.line}`);
  }

  status(status: ProgressStatus): void {
    // A terminal that reports no size (0) gets a hundred columns.
    const width = Math.max(20, (this.out.columns || 100) - 1);
    const line = statusLine(status);
    this.line = line.length > width ? `${line.slice(0, width - 1)}…` : line;
    this.out.write(`\r\x1b[2K${this.line}`);
  }

  done(): void {
    if (this.line !== '') this.out.write('\r\x1b[2K');
    this.line = '';
  }
}
