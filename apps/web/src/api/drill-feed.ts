import type { DrillEvent, DrillFeedPayload, DrillState, DrillTimers, DrillView } from './types.js';

/** What a page knows of a live drill: the view, and the timeline as far as it has arrived. */
export interface DrillFeedState {
  view: DrillView | null;
  state: DrillState | null;
  timers: DrillTimers | null;
  /** In seq order, each seq once. */
  events: DrillEvent[];
  /** The highest seq whose state/timers we applied (so an older snapshot never overwrites a newer one). */
  appliedSeq: number;
}

export const EMPTY_FEED: DrillFeedState = { view: null, state: null, timers: null, events: [], appliedSeq: 0 };

/** Adds events, keeping seq order and dropping ones already known (websocket and refetch overlap). */
export function mergeEvents(known: readonly DrillEvent[], incoming: readonly DrillEvent[]): DrillEvent[] {
  if (incoming.length === 0) return known as DrillEvent[];
  const bySeq = new Map<number, DrillEvent>();
  for (const event of known) bySeq.set(event.seq, event);
  for (const event of incoming) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** A websocket frame: its event joins the timeline; its state and timers win when newest. */
export function applyFeedPayload(feed: DrillFeedState, payload: DrillFeedPayload): DrillFeedState {
  const events = mergeEvents(feed.events, [payload.event]);
  if (payload.event.seq < feed.appliedSeq) return { ...feed, events };
  return {
    ...feed,
    events,
    state: payload.state,
    timers: payload.timers,
    appliedSeq: payload.event.seq,
    view: feed.view ? { ...feed.view, state: payload.state, timers: payload.timers } : feed.view,
  };
}

/** A fresh GET of the view and the timeline (first load, or the resync after a reconnect). */
export function applySnapshot(feed: DrillFeedState, view: DrillView, timeline: readonly DrillEvent[]): DrillFeedState {
  const events = mergeEvents(feed.events, timeline);
  const snapshotSeq = timeline.at(-1)?.seq ?? 0;
  // Frames newer than the snapshot may have arrived while it was in flight; keep their state.
  if (feed.appliedSeq > snapshotSeq && feed.state !== null) return { ...feed, view: { ...view, state: feed.state, timers: feed.timers ?? view.timers }, events };
  return { view, state: view.state, timers: view.timers, events, appliedSeq: snapshotSeq };
}
