import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/index.js';
import { rangeFor, toChartData, type ChartData, type MatrixSeries } from '../../components/charts/chart-data.js';
import { DASHBOARD_PANELS, rangeQueryPath } from './dashboard-panels.js';

/** Wall ms between refreshes: at speed 20 that is a minute of stack time. */
export const REFRESH_MS = 3000;

interface MatrixAnswer {
  status: string;
  data: { resultType: string; result: MatrixSeries[] };
}

export interface DashboardData {
  panels: Record<string, ChartData>;
  /** Per panel: why it has no data (a query the stack refused). */
  errors: Record<string, string>;
  /** The stack has gone (drill over) or cannot be reached: the last data stays. */
  stackError: string | null;
  /** Stack time (unix seconds) of the newest refresh. */
  updatedAt: number | null;
  /** The window the panels show, [start, end] in unix seconds. */
  xRange: [number, number] | null;
}

const EMPTY: DashboardData = { panels: {}, errors: {}, stackError: null, updatedAt: null, xRange: null };

/**
 * Every panel's range query over the last `windowSeconds` of stack time, again every few seconds
 * while `live`. `now` reads the drill clock at the moment of each refresh.
 */
export function useDashboards(stackId: string | null, windowSeconds: number, live: boolean, now: () => number | null): DashboardData {
  const [data, setData] = useState<DashboardData>(EMPTY);
  const nowRef = useRef(now);
  nowRef.current = now;

  useEffect(() => {
    if (!stackId || !live) return;
    let controller = new AbortController();
    let stopped = false;
    let busy = false;
    const refresh = async () => {
      const nowMs = nowRef.current();
      // A slow stack must not pile up refreshes: skip a beat instead.
      if (nowMs === null || busy) return;
      busy = true;
      controller = new AbortController();
      const range = rangeFor(nowMs / 1000, windowSeconds);
      const answers = await Promise.all(
        DASHBOARD_PANELS.map(async (panel) => {
          try {
            const results = await Promise.all(panel.queries.map((query) => api.get<MatrixAnswer>(rangeQueryPath(stackId, query.expr, range), { signal: controller.signal })));
            return { id: panel.id, chart: toChartData(results.map((answer, i) => ({ result: answer.data.result, legend: panel.queries[i]!.legend }))), error: null, status: 200 };
          } catch (failure) {
            const status = (failure as { status?: number }).status ?? 0;
            return { id: panel.id, chart: null, error: (failure as Error).message, status };
          }
        }),
      );
      busy = false;
      if (stopped || controller.signal.aborted) return;
      // 404/409/0 on every panel: the stack is gone or unreachable, not a bad query.
      const stackDown = answers.every((answer) => answer.error !== null && [0, 404, 409, 403].includes(answer.status));
      setData((previous) => {
        if (stackDown) return { ...previous, stackError: answers[0]!.error };
        const panels = { ...previous.panels };
        const errors: Record<string, string> = {};
        for (const answer of answers) {
          if (answer.chart) panels[answer.id] = answer.chart;
          if (answer.error) errors[answer.id] = answer.error;
        }
        return { panels, errors, stackError: null, updatedAt: range.end, xRange: [range.start, range.end] };
      });
    };
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      stopped = true;
      controller.abort();
      clearInterval(timer);
    };
  }, [stackId, windowSeconds, live]);

  return data;
}

/** Replicas up per service, from the newest point of the "Replicas up" panel (for the scale form). */
export function replicasUp(panels: Record<string, ChartData>): Record<string, number> {
  const chart = panels['replicas-up'];
  const counts: Record<string, number> = {};
  for (const series of chart?.series ?? []) {
    const latest = [...series.values].reverse().find((value) => value !== null);
    if (latest !== undefined && latest !== null) counts[series.label] = latest;
  }
  return counts;
}
