import { useEffect, useState } from 'react';
import { api } from '../../api/index.js';
import type { DrillEvent, DrillState } from '../../api/types.js';
import { anchorFromEvents, drillNow, isStopped, type ClockAnchor } from './console-model.js';
import { stackTimePath } from './dashboard-panels.js';

/** How often the stack's own clock is read again (wall ms): keeps drift below a scrape. */
const RESYNC_MS = 15_000;
/** How often the displayed clock ticks (wall ms). */
const TICK_MS = 250;

interface ScalarAnswer {
  data: { resultType: string; result: [number, string] };
}

/**
 * Drill (stack) time now, in epoch ms, ticking. The stack's `time()` sets the clock (read from
 * its Prometheus API, which is not recorded as investigation); until it answers, the newest
 * event does. Stops at the last event once the drill is over. Null before anything is known.
 */
export function useStackClock(stackId: string | null, speed: number, state: DrillState | null, events: readonly DrillEvent[]): number | null {
  const [measured, setMeasured] = useState<ClockAnchor | null>(null);
  const [wallNow, setWallNow] = useState(() => Date.now());
  const live = stackId !== null && state !== null && !isStopped(state) && state !== 'created';

  useEffect(() => {
    if (!live || !stackId) return;
    const controller = new AbortController();
    const read = () => {
      const sentAt = Date.now();
      api.get<ScalarAnswer>(stackTimePath(stackId), { signal: controller.signal }).then(
        (answer) => {
          // Halfway through the round trip is the best guess of when the stack read its clock.
          const wallMs = (sentAt + Date.now()) / 2;
          if (answer.data.resultType === 'scalar') setMeasured({ stackMs: answer.data.result[0] * 1000, wallMs, speed });
        },
        () => undefined, // the events' clock stands in; the dashboards report stack errors
      );
    };
    read();
    const timer = setInterval(read, RESYNC_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [live, stackId, speed]);

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setWallNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [live]);

  const anchor = measured ?? anchorFromEvents(events, speed);
  return drillNow(live ? anchor : null, state, events, wallNow);
}
