import { useEffect, useMemo, useState } from 'react';
import { api, FINISHED_STATES, useApi, useDrillFeed, type ScenarioDetail } from '../../api/index.js';
import { ErrorMessage, Loading } from '../../app/feedback.js';
import { Link, useRoute } from '../../router/index.js';
import { StateBadge } from '../report/StateBadge.js';
import { TimelineList } from '../report/TimelineList.js';
import { TimersPanel } from '../report/TimersPanel.js';
import '../report/report.css';
import { AbortButton } from './AbortDialog.js';
import { AnswerKeyPanel } from './AnswerKeyPanel.js';
import { deriveChecklist } from './checklist.js';
import { drillNow } from './expectations.js';
import './facilitator.css';
import { HintSender } from './HintSender.js';
import { InjectFaultForm } from './InjectFaultForm.js';
import { JoinLinks, recalledJoinLinks } from './JoinLinks.js';
import { LiveChecklist } from './LiveChecklist.js';
import { StackFaults } from './StackFaults.js';
import type { CheckableStep, FacilitatorBlock, FullScenario } from './scenario-spec.js';
import { ACTIVE_STATES } from './drill-form.js';

type FacilitatorScenario = Omit<ScenarioDetail, 'runbook' | 'scenario'> & { scenario?: FullScenario; runbook?: { title: string; steps: CheckableStep[] } };

/** Ticks every `ms` while `on`, so derived "overdue" marks move without new events. */
function useNow(ms: number, on: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms, on]);
  return now;
}

/** `#/facilitator/drills/:id`: one drill live, with the answer key beside what the responders do. */
export function FacilitatorDrillPage() {
  const { params } = useRoute('/facilitator/drills/:id');
  const drillId = params['id'] ?? '';
  const feed = useDrillFeed(drillId);
  const scenarioId = feed.view?.scenario.id;
  // The full scenario carries the runbook with its scoring evidence, the hints' texts and the targets.
  const scenario = useApi((signal) => (scenarioId ? api.get<FacilitatorScenario>(`/api/scenarios/${encodeURIComponent(scenarioId)}`, { signal }) : Promise.resolve(null)), [scenarioId]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [injected, setInjected] = useState(0);
  const state = feed.state ?? feed.view?.state ?? null;
  const active = state !== null && ACTIVE_STATES.includes(state);
  const wallNow = useNow(1000, active);
  const steps = scenario.data?.runbook?.steps;
  const timers = feed.timers ?? feed.view?.timers ?? null;
  const nowAt = drillNow(feed.events, feed.view?.speed ?? 1, wallNow, active);
  const checklist = useMemo(() => deriveChecklist(steps ?? [], feed.events, timers, nowAt), [steps, feed.events, timers, nowAt]);

  if (feed.loading && !feed.view) return <Loading label="Loading the drill…" />;
  if (!feed.view) return <ErrorMessage error={feed.error ?? new Error('drill not found')} retry={feed.reload} title="Drill" />;
  const view = feed.view;
  const block = view.facilitator as unknown as FacilitatorBlock | undefined;
  const finished = state !== null && FINISHED_STATES.includes(state);
  const joinLinks = recalledJoinLinks(drillId);
  const full = scenario.data?.scenario;
  const hintsUsed = new Set(feed.events.filter((event) => event.type === 'hint.requested').map((event) => (event.data as { hintId: string }).hintId));

  const run = (what: () => Promise<unknown>) => async () => {
    setBusy(true);
    setActionError(null);
    try {
      await what();
      feed.reload();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page facilitator" aria-labelledby="drill-title">
      <header className="page-header">
        <div>
          <h1 id="drill-title">{view.scenario.title}</h1>
          <p className="muted">
            <StateBadge state={state ?? view.state} /> {view.scenario.severity} · <code>{view.id}</code> · <code>{view.scenario.id}</code> v{view.scenario.version} · speed ×{view.speed} ·{' '}
            <span className={feed.connected ? 'ok-text' : 'warn-text'}>{feed.connected ? 'live' : 'reconnecting…'}</span>
          </p>
        </div>
        <div className="button-row">
          {state === 'created' && (
            <button type="button" className="button primary" disabled={busy} onClick={run(() => api.startDrill(drillId))}>
              Start the drill
            </button>
          )}
          {(state === 'scored' || state === 'closed') && (
            <button type="button" className="button" disabled={busy} onClick={run(() => api.rescore(drillId))}>
              Rescore
            </button>
          )}
          <AbortButton drillId={drillId} disabled={busy || finished} onAborted={feed.reload} />
          <Link to={`/drills/${encodeURIComponent(drillId)}/report`}>Report</Link>
          <Link to={`/drills/${encodeURIComponent(drillId)}`}>Responder console</Link>
        </div>
      </header>
      <ErrorMessage error={actionError} title="That did not work" />
      {feed.error && <ErrorMessage error={feed.error} retry={feed.reload} title="Could not refresh the drill" />}
      {view.score && (
        <p className="card">
          Score <strong>{view.score.total}/100</strong> (rubric {view.score.rubricVersion}) — <Link to={`/drills/${encodeURIComponent(drillId)}/report`}>see the breakdown</Link>
        </p>
      )}
      {timers && <TimersPanel timers={timers} targets={full?.spec.targets ?? null} finished={finished} />}
      <div className="two-columns">
        <div className="stack">
          <TimelineList events={feed.events} live={active} title={active ? "Timeline (live, newest first)" : "Timeline"} />
        </div>
        <div className="stack">
          {scenario.error && <ErrorMessage error={scenario.error} retry={scenario.reload} title="Scenario" />}
          {scenario.data && scenario.data.version !== view.scenario.version && (
            <p className="warn-text small">The catalogue now has version {scenario.data.version} of this scenario; the drill plays version {view.scenario.version}, so the runbook shown may differ.</p>
          )}
          {steps && <LiveChecklist items={checklist} runbookTitle={scenario.data?.runbook?.title ?? null} />}
          {block && <AnswerKeyPanel block={block} events={feed.events} nowAt={nowAt} finished={finished} />}
          <section className="card controls" aria-label="Facilitator controls">
            <h2>Steer the drill</h2>
            <HintSender drillId={drillId} hints={full?.spec.hints ?? view.brief?.hints ?? []} used={hintsUsed} disabled={!active} />
            <InjectFaultForm stackId={view.stackId} disabled={!active} onInjected={() => setInjected((n) => n + 1)} />
            {view.stackId && active && <StackFaults stackId={view.stackId} version={injected} running={active} />}
          </section>
          <section className="card" aria-labelledby="join-title">
            <h2 id="join-title">Participants</h2>
            {joinLinks ? (
              <JoinLinks links={joinLinks} />
            ) : (
              <>
                <p>{view.participants.map((p) => `${p.name} (${p.role})`).join(', ')}</p>
                <p className="muted small">Join links are shown once, when the drill is created (in the tab that created it).</p>
              </>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
