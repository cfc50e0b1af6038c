import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, realtime, useApi, useDrillFeed, type AlertsResponse } from '../../api/index.js';
import { ErrorMessage, Loading } from '../../app/feedback.js';
import { setQuery, useRoute } from '../../router/index.js';
import { ActionConsole } from './ActionConsole.js';
import { AlertList } from './AlertList.js';
import { briefOf } from './brief.js';
import { ConsoleHeader } from './ConsoleHeader.js';
import { alertKey, alertRows, canAct, currentPage, isStopped, responseTimers } from './console-model.js';
import { Dashboards } from './Dashboards.js';
import { dashboardWindow, type DashboardWindowId } from './dashboard-panels.js';
import { EXPLORE_READY, ExplorePanel, exploreTool } from './ExplorePanel.js';
import { HintsPanel } from './HintsPanel.js';
import { Pager } from './Pager.js';
import { ReportForms } from './ReportForms.js';
import { RunbookPanel } from './RunbookPanel.js';
import { Tabs } from './Tabs.js';
import { Timeline } from './Timeline.js';
import { replicasUp, useDashboards } from './use-dashboards.js';
import { useStackClock } from './use-stack-clock.js';
import './drill-console.css';

type MainView = 'dashboards' | 'explore';
type SideView = 'runbook' | 'act' | 'report' | 'hints';
const SIDE_VIEWS: readonly SideView[] = ['runbook', 'act', 'report', 'hints'];

/** Wall ms between alert list refreshes (alert events from the feed refresh it at once too). */
const ALERTS_REFRESH_MS = 4000;

/** Keys typed into a form never trigger shortcuts. */
function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) || !!element.closest('.cm-editor, dialog'));
}

/**
 * The responder's console (`#/drills/:id`): pager, dashboards, alerts, runbook, actions, reports,
 * hints and the timeline of one drill. Everything shown comes from what the API gives a
 * participant: the drill view, its timeline and feed, and the drill stack's monitoring.
 */
export function DrillConsolePage() {
  const { params, query } = useRoute('/drills/:id');
  const drillId = params.id ?? '';
  const feed = useDrillFeed(drillId);
  const view = feed.view;
  const brief = briefOf(view);
  const state = feed.state;
  const stackId = view?.stackId ?? null;
  const live = stackId !== null && canAct(state);
  const now = useStackClock(stackId, view?.speed ?? 1, state, feed.events);

  const mainView: MainView = query.view === 'explore' && EXPLORE_READY ? 'explore' : 'dashboards';
  const sideView: SideView = SIDE_VIEWS.includes(query.panel as SideView) ? (query.panel as SideView) : 'runbook';
  const windowChoice = dashboardWindow(query.window);

  const nowRef = useCallback(() => now, [now]);
  const dashboards = useDashboards(stackId, windowChoice.seconds, live, nowRef);
  const replicas = useMemo(() => replicasUp(dashboards.panels), [dashboards.panels]);

  const alertEvents = feed.events.filter((event) => event.type.startsWith('alert.')).length;
  const alerts = useApi((signal) => (live && stackId ? api.get<AlertsResponse>(`/api/stacks/${encodeURIComponent(stackId)}/alerts`, { signal }) : Promise.resolve<AlertsResponse>({ alerts: [], lastEvaluationAt: null })), [stackId, live, alertEvents], {
    refreshMs: live ? ALERTS_REFRESH_MS : undefined,
  });
  // When the stack is gone its alerts are too; the timeline still tells what fired and resolved.
  // What the stack said about each alert while it was active, for when it has resolved.
  const annotations = useRef(new Map<string, Record<string, string>>());
  const rows = useMemo(() => {
    const active = live ? (alerts.data?.alerts ?? []) : [];
    for (const alert of active) annotations.current.set(alertKey(alert.name, alert.labels), alert.annotations);
    return alertRows(active, feed.events, annotations.current);
  }, [live, alerts.data, feed.events]);
  const page = currentPage(rows, feed.events);
  const response = responseTimers(feed.timers, now);

  const role = realtime.role;
  const mayAct = role !== 'observer' && canAct(state);
  const actReason = role === 'observer' ? 'You are observing: you can watch, not act.' : !canAct(state) ? (state === 'created' ? 'The drill has not started yet.' : 'The drill is over: nothing more can be done on its stack.') : null;

  const [acking, setAcking] = useState(false);
  const [ackError, setAckError] = useState<string | null>(null);
  const acknowledge = useCallback(async () => {
    if (acking) return;
    setAcking(true);
    setAckError(null);
    try {
      await api.post(`/api/drills/${encodeURIComponent(drillId)}/ack`, page ? { alert: page.name } : {});
      feed.reload();
    } catch (failure) {
      setAckError((failure as Error).message);
    } finally {
      setAcking(false);
    }
  }, [acking, drillId, page, feed]);
  const canAcknowledge = mayAct && response.paged && !response.acknowledged;

  useEffect(() => {
    if (!canAcknowledge) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'a' || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      event.preventDefault();
      void acknowledge();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canAcknowledge, acknowledge]);

  const openRunbook = () => setQuery({ panel: 'runbook' });

  if (!drillId) return <ErrorMessage error="No drill in the address." />;
  if (feed.loading && !view) return <Loading label="Joining the drill…" />;
  if (!view) return <ErrorMessage error={feed.error ?? 'The drill could not be loaded.'} retry={feed.reload} />;

  return (
    <div className="drill-console">
      <ConsoleHeader
        title={brief?.title ?? view.scenario.title}
        summary={brief?.summary ?? null}
        severity={brief?.severity ?? view.scenario.severity}
        state={state}
        timers={feed.timers}
        now={now}
        speed={view.speed}
        connected={feed.connected}
      />
      {feed.error && <ErrorMessage error={feed.error} retry={feed.reload} title="Drill feed" />}
      {isStopped(state) && (
        <p className="console-ended card" role="status">
          This drill is {state}. <a href={`#/drills/${encodeURIComponent(drillId)}/report`}>Open the report</a>.
        </p>
      )}
      <Pager
        page={page}
        acknowledged={response.acknowledged}
        acknowledgedAt={feed.timers?.t2 ?? null}
        onAcknowledge={canAcknowledge ? () => void acknowledge() : null}
        acknowledging={acking}
        error={ackError}
        onOpenRunbook={openRunbook}
      />
      <div className="console-grid">
        <div className="console-main">
          <AlertList rows={rows} now={now} onOpenRunbook={openRunbook} error={live && alerts.error ? alerts.error.message : null} />
          <div className="investigate">
            <Tabs<MainView>
              label="Investigate"
              selected={mainView}
              onSelect={(id) => setQuery({ view: id === 'dashboards' ? undefined : id })}
              tabs={[
                { id: 'dashboards', label: 'Dashboards' },
                { id: 'explore', label: 'Explore', disabled: !EXPLORE_READY, note: EXPLORE_READY ? undefined : 'PromQL, logs and traces are not available yet' },
              ]}
            >
              {mainView === 'dashboards' ? (
                <Dashboards
                  data={dashboards}
                  windowId={windowChoice.id}
                  onWindowChange={(id: DashboardWindowId) => setQuery({ window: id === '15m' ? undefined : id })}
                  live={live}
                  onExplore={EXPLORE_READY ? (expr) => setQuery({ view: 'explore', tool: undefined, trace: undefined, q: expr }) : undefined}
                />
              ) : (
                <ExplorePanel drillId={drillId} stackId={stackId} tool={exploreTool(query.tool)} query={query.q} traceId={query.trace} />
              )}
            </Tabs>
          </div>
        </div>
        <aside className="console-side" aria-label="Respond">
          <div className="card respond-card">
            <Tabs<SideView>
              label="Respond"
              selected={sideView}
              onSelect={(id) => setQuery({ panel: id === 'runbook' ? undefined : id })}
              tabs={[
                { id: 'runbook', label: 'Runbook' },
                { id: 'act', label: 'Actions' },
                { id: 'report', label: 'Diagnose' },
                { id: 'hints', label: `Hints (${brief?.hints.length ?? 0})` },
              ]}
            >
              {sideView === 'runbook' && <RunbookPanel runbook={brief?.runbook} pagedAt={feed.timers?.t1 ?? null} />}
              {sideView === 'act' && <ActionConsole drillId={drillId} enabled={mayAct} disabledReason={actReason} replicas={replicas} />}
              {sideView === 'report' && (
                <>
                  {actReason && <p className="muted small">{actReason}</p>}
                  <ReportForms drillId={drillId} enabled={mayAct} canDeclare={!response.paged && state === 'running'} />
                </>
              )}
              {sideView === 'hints' && <HintsPanel drillId={drillId} hints={brief?.hints ?? []} events={feed.events} enabled={mayAct} />}
            </Tabs>
          </div>
          <Timeline events={feed.events} />
        </aside>
      </div>
    </div>
  );
}
