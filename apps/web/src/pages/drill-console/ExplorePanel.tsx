/**
 * The slot for the explore tools (PromQL, logs, traces), written by the explore work in
 * components/promql, components/logs and components/traces. Until they land the tab shows what
 * is coming; EXPLORE_READY turns the tab on.
 */
export const EXPLORE_READY = false;

export function ExplorePanel(_props: { drillId: string; stackId: string | null; initialQuery?: string }) {
  return <p className="muted">PromQL, logs and traces explorers arrive here.</p>;
}
