import { api, FINISHED_STATES, isFacilitator, realtime, useApi, useDrillFeed, type DrillState, type ScoreView } from '../../api/index.js';
import { Empty, ErrorMessage, Loading } from '../../app/feedback.js';
import { Link, useRoute } from '../../router/index.js';
import type { FullScenario } from '../facilitator/scenario-spec.js';
import { PostmortemEditor } from './PostmortemEditor.js';
import { ScoreBreakdown } from './ScoreBreakdown.js';
import { StateBadge } from './StateBadge.js';
import { TimelineList } from './TimelineList.js';
import { TimersPanel } from './TimersPanel.js';
import './report.css';

const SCORED: readonly DrillState[] = ['scored', 'closed'];

/** After the drill: score and breakdown, timers against targets, the timeline and the postmortem. */
export function ReportPage() {
  const { params } = useRoute('/drills/:id/report');
  const drillId = params['id'] ?? '';
  const feed = useDrillFeed(drillId);
  const facilitator = isFacilitator();
  const state = feed.state ?? feed.view?.state ?? null;
  const scored = state !== null && SCORED.includes(state);
  // A rescore adds a drill.scored event: fetch the score again then.
  const scorings = feed.events.filter((event) => event.type === 'drill.scored').length;
  const score = useApi((signal) => (scored ? api.get<ScoreView>(`/api/drills/${encodeURIComponent(drillId)}/score`, { signal }) : Promise.resolve(null)), [drillId, scored, scorings]);
  const scenarioId = feed.view?.scenario.id;
  // Targets are part of the scenario, which only the facilitator may read.
  const scenario = useApi((signal) => (facilitator && scenarioId ? api.get<{ scenario?: FullScenario }>(`/api/scenarios/${encodeURIComponent(scenarioId)}`, { signal }) : Promise.resolve(null)), [facilitator, scenarioId]);

  if (feed.loading && !feed.view) return <Loading label="Loading the drill report…" />;
  if (!feed.view) return <ErrorMessage error={feed.error ?? new Error('drill not found')} retry={feed.reload} title="Drill report" />;
  const view = feed.view;
  const timers = feed.timers ?? view.timers;
  const finished = state !== null && FINISHED_STATES.includes(state);
  const targets = scenario.data?.scenario?.spec.targets ?? null;

  return (
    <article className="page" aria-labelledby="report-title">
      <header className="page-header">
        <div>
          <h1 id="report-title">Report: {view.scenario.title}</h1>
          <p className="muted">
            <StateBadge state={state ?? view.state} /> {view.scenario.severity} · drill <code>{view.id}</code> · speed ×{view.speed} ·{' '}
            {view.participants.map((p) => `${p.name} (${p.role})`).join(', ')}
          </p>
        </div>
        <nav aria-label="Drill pages" className="button-row">
          {facilitator ? <Link to={`/facilitator/drills/${encodeURIComponent(drillId)}`}>Live view</Link> : <Link to={`/drills/${encodeURIComponent(drillId)}`}>Drill console</Link>}
        </nav>
      </header>
      {feed.error && <ErrorMessage error={feed.error} retry={feed.reload} title="Could not refresh the drill" />}
      {!finished && <p className="card">The drill is still {state}: this report fills in as it goes, and the score arrives when it resolves.</p>}

      {scored ? (
        score.data ? <ScoreBreakdown score={score.data} /> : score.error ? <ErrorMessage error={score.error} retry={score.reload} title="Score" /> : <Loading label="Loading the score…" />
      ) : (
        <Empty title="Not scored">{state === 'aborted' || state === 'interrupted' ? `The drill was ${state}, so it has no score.` : 'Drills are scored when they resolve.'}</Empty>
      )}

      <TimersPanel timers={timers} targets={targets} finished={finished} />
      {!facilitator && <p className="muted small">The scenario's targets are the facilitator's; they appear in the postmortem draft once the drill is scored.</p>}

      {state !== 'created' && <PostmortemEditor drillId={drillId} state={state ?? view.state} canSubmit={facilitator || realtime.role !== 'observer'} />}

      <TimelineList events={feed.events} />
    </article>
  );
}
