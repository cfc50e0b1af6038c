import type { DrillState, DrillTimers } from '../../api/types.js';
import { formatClock } from '../../components/charts/chart-format.js';
import { formatElapsed, responseTimers } from './console-model.js';

export interface ConsoleHeaderProps {
  title: string;
  summary: string | null;
  severity: string | null;
  state: DrillState | null;
  timers: DrillTimers | null;
  /** Drill time now (epoch ms). */
  now: number | null;
  speed: number;
  connected: boolean;
}

const STATE_TONE: Partial<Record<DrillState, string>> = {
  running: 'info',
  detected: 'danger',
  acknowledged: 'warn',
  diagnosed: 'warn',
  mitigated: 'ok',
  resolved: 'ok',
  scored: 'ok',
  closed: 'ok',
  aborted: 'danger',
  interrupted: 'danger',
};

/** The drill clock, the response timers and the state: what an incident commander glances at. */
export function ConsoleHeader({ title, summary, severity, state, timers, now, speed, connected }: ConsoleHeaderProps) {
  const response = responseTimers(timers, now);
  return (
    <header className="console-header card">
      <div className="console-title">
        <h1>
          {title} {severity && <span className={`badge sev-${severity.toLowerCase()}`}>{severity}</span>}
        </h1>
        {summary && <p className="muted">{summary}</p>}
      </div>
      <dl className="console-clocks">
        <div className="clock">
          <dt>Drill clock</dt>
          <dd>
            <time>{now === null ? '–' : formatClock(now / 1000)}</time>
            {speed !== 1 && <span className="muted small"> ×{speed}</span>}
          </dd>
        </div>
        <div className={`clock ${response.paged && !response.acknowledged ? 'urgent' : ''}`}>
          {/* Once acknowledged this clock stops: it then reads the time to acknowledge. */}
          <dt>{response.acknowledged ? 'Page → ack' : 'Since page'}</dt>
          <dd>{formatElapsed(response.sincePage)}</dd>
        </div>
        <div className="clock">
          <dt>Since ack</dt>
          <dd>{formatElapsed(response.sinceAck)}</dd>
        </div>
        <div className="clock">
          <dt>State</dt>
          <dd>
            <span className={`badge state-${STATE_TONE[state ?? 'running'] ?? 'info'}`}>{state ?? '…'}</span>
            <span className={`live-dot ${connected ? 'on' : ''}`} title={connected ? 'live' : 'reconnecting'}>
              <span className="visually-hidden">{connected ? 'live' : 'reconnecting'}</span>
            </span>
          </dd>
        </div>
      </dl>
    </header>
  );
}
