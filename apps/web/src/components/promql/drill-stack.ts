import { useEffect, useState } from 'react';
import { api } from '../../api/index.js';
import type { PromAnswer } from './promql-result.js';

const enc = encodeURIComponent;

/** The stack's Prometheus API base, as codemirror-promql wants it (it appends /api/v1/…). */
export const prometheusBase = (stackId: string): string => `/api/stacks/${enc(stackId)}/prometheus`;

/**
 * Drill time now, in epoch ms, from the drill's stack clock (`time()` on the stack's own
 * Prometheus API). The browser's clock cannot say: a drill at speed 20 runs 20× faster than the
 * wall. This read goes to the stack route, not the drill's recorded query tool, so it never
 * counts as the team's investigation.
 */
export async function drillNow(stackId: string, signal?: AbortSignal): Promise<number> {
  const answer = await api.get<PromAnswer>(`${prometheusBase(stackId)}/api/v1/query?query=time()`, { signal });
  if (answer.data.resultType !== 'scalar') throw new Error('the stack did not answer its clock');
  return Math.round(answer.data.result[0] * 1000);
}

/**
 * The drill's stack id: the one given, else from `GET /api/drills/:id`. Null while loading and
 * for a drill without a live stack (not started, or ended): the tools answer 409 then anyway.
 */
export function useDrillStackId(drillId: string, given?: string | null): string | null {
  const [loaded, setLoaded] = useState<string | null>(null);
  useEffect(() => {
    if (given) return;
    const controller = new AbortController();
    api.drill(drillId, { signal: controller.signal }).then(
      (view) => setLoaded(view.stackId ?? null),
      () => setLoaded(null),
    );
    return () => controller.abort();
  }, [drillId, given]);
  return given ?? loaded;
}
