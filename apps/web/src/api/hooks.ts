import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { api } from './client.js';
import { applyFeedPayload, applySnapshot, EMPTY_FEED, type DrillFeedState } from './drill-feed.js';
import { realtime } from './ws.js';

export interface ApiResult<T> {
  data: T | undefined;
  error: Error | null;
  /** True while the first load (or a reload) is in flight. */
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `fn` when `deps` change (and on `reload()`), aborting the previous call. The last data is
 * kept while reloading so pages do not flash; `refreshMs` polls.
 */
export function useApi<T>(fn: (signal: AbortSignal) => Promise<T>, deps: DependencyList, options: { refreshMs?: number } = {}): ApiResult<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fnRef.current(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  useEffect(() => {
    if (!options.refreshMs) return;
    const timer = setInterval(() => setGeneration((n) => n + 1), options.refreshMs);
    return () => clearInterval(timer);
  }, [options.refreshMs]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, loading, reload };
}

export interface DrillFeed extends DrillFeedState {
  /** The websocket is open (events arrive live). */
  connected: boolean;
  /** The last load failure (null once a load succeeds again). */
  error: Error | null;
  loading: boolean;
  /** Refetch the view and the timeline. */
  reload: () => void;
}

/**
 * A live drill: `GET /api/drills/:id` and its timeline, then websocket events (deduplicated by
 * seq). After a reconnect it refetches both, since events may have been missed meanwhile.
 */
export function useDrillFeed(drillId: string | null | undefined): DrillFeed {
  const [feed, setFeed] = useState<DrillFeedState>(EMPTY_FEED);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [connected, setConnected] = useState(realtime.connected);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  // A different drill starts from nothing.
  useEffect(() => {
    setFeed(EMPTY_FEED);
    setLoading(true);
  }, [drillId]);

  useEffect(() => {
    if (!drillId) return;
    const controller = new AbortController();
    Promise.all([api.drill(drillId, { signal: controller.signal }), api.timeline(drillId, { signal: controller.signal })]).then(
      ([view, events]) => {
        if (controller.signal.aborted) return;
        setFeed((current) => applySnapshot(current, view, events));
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [drillId, generation]);

  useEffect(() => {
    if (!drillId) return;
    const stopStatus = realtime.onStatus(setConnected);
    const unsubscribe = realtime.subscribe(drillId, ['drill'], {
      onMessage: (message) => {
        if (message.topic === 'drill') setFeed((current) => applyFeedPayload(current, message.payload));
      },
      onResync: reload,
    });
    setConnected(realtime.connected);
    return () => {
      unsubscribe();
      stopStatus();
    };
  }, [drillId, reload]);

  return { ...feed, connected, error, loading, reload };
}

/** Whether the page's websocket is open (for a "live" indicator). */
export function useRealtimeConnected(): boolean {
  const [connected, setConnected] = useState(realtime.connected);
  useEffect(() => realtime.onStatus(setConnected), []);
  return connected;
}
