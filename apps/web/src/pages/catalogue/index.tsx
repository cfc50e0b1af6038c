import { useMemo, useState } from 'react';
import { api, isFacilitator, useApi, type DrillView, type ScenarioSummary } from '../../api/index.js';
import { Empty, ErrorMessage, Loading } from '../../app/feedback.js';
import { formatDuration, severityClass } from '../../app/format.js';
import { setQuery, useRoute } from '../../router/index.js';
import { filtersFromQuery, filterScenarios, historyByScenario, sortScenarios, tagsOf, type ScenarioHistory } from './catalogue-data.js';
import { StartDrillDialog } from './StartDrillDialog.js';

/** The scenario catalogue: what can be drilled, how often it was, and the best times so far. */
export function CataloguePage() {
  const facilitator = isFacilitator();
  const { query } = useRoute();
  const filters = filtersFromQuery(query);
  const scenarios = useApi((signal) => api.get<{ scenarios: ScenarioSummary[] }>('/api/scenarios', { signal }).then((r) => r.scenarios), []);
  // Only the facilitator may list drills; participants see the catalogue without history.
  const drills = useApi((signal) => (facilitator ? api.get<{ drills: DrillView[] }>('/api/drills?limit=1000', { signal }).then((r) => r.drills) : Promise.resolve([])), [facilitator]);
  const [starting, setStarting] = useState<ScenarioSummary | null>(null);

  const all = useMemo(() => sortScenarios(scenarios.data ?? []), [scenarios.data]);
  const shown = useMemo(() => filterScenarios(all, filters), [all, filters.tag, filters.severity, filters.difficulty, filters.q]);
  const tags = useMemo(() => tagsOf(all), [all]);
  const histories = useMemo(() => historyByScenario(drills.data ?? []), [drills.data]);
  const severities = useMemo(() => [...new Set(all.map((s) => s.severity))].sort(), [all]);
  const difficulties = useMemo(() => [...new Set(all.map((s) => s.difficulty))], [all]);

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Scenario catalogue</h1>
          <p className="muted">Incidents to practise on a live demo shop. Titles describe what users see, never the cause.</p>
        </div>
      </header>

      <form className="filters" role="search" aria-label="Filter scenarios" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="catalogue-q">Search</label>
          <input id="catalogue-q" type="search" value={filters.q ?? ''} placeholder="checkout, cache…" onChange={(event) => setQuery({ q: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="catalogue-tag">Tag</label>
          <select id="catalogue-tag" value={filters.tag ?? ''} onChange={(event) => setQuery({ tag: event.target.value })}>
            <option value="">All tags</option>
            {tags.map((tag) => (
              <option key={tag}>{tag}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="catalogue-severity">Severity</label>
          <select id="catalogue-severity" value={filters.severity ?? ''} onChange={(event) => setQuery({ severity: event.target.value })}>
            <option value="">Any</option>
            {severities.map((severity) => (
              <option key={severity}>{severity}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="catalogue-difficulty">Difficulty</label>
          <select id="catalogue-difficulty" value={filters.difficulty ?? ''} onChange={(event) => setQuery({ difficulty: event.target.value })}>
            <option value="">Any</option>
            {difficulties.map((difficulty) => (
              <option key={difficulty}>{difficulty}</option>
            ))}
          </select>
        </div>
        {(filters.tag || filters.severity || filters.difficulty || filters.q) && (
          <button type="button" className="button" onClick={() => setQuery({ tag: undefined, severity: undefined, difficulty: undefined, q: undefined })}>
            Clear filters
          </button>
        )}
      </form>

      <ErrorMessage error={scenarios.error} retry={scenarios.reload} title="The catalogue could not be loaded" />
      <ErrorMessage error={drills.error} retry={drills.reload} title="Drill history is missing" />
      {scenarios.data === undefined ? (
        scenarios.loading && <Loading label="Loading scenarios…" />
      ) : shown.length === 0 ? (
        <Empty title={all.length === 0 ? 'The catalogue is empty.' : 'No scenario matches these filters.'} />
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {shown.length} of {all.length} scenarios
          </p>
          <ul className="grid catalogue-list">
            {shown.map((scenario) => (
              <ScenarioCard key={scenario.id} scenario={scenario} history={facilitator ? (histories.get(scenario.id) ?? null) : undefined} onStart={facilitator ? () => setStarting(scenario) : undefined} />
            ))}
          </ul>
        </>
      )}
      {starting && <StartDrillDialog scenario={starting} onClose={() => setStarting(null)} />}
    </section>
  );
}

interface CardProps {
  scenario: ScenarioSummary;
  /** undefined: not shown (participants); null: never drilled. */
  history?: ScenarioHistory | null;
  onStart?: () => void;
}

function ScenarioCard({ scenario, history, onStart }: CardProps) {
  const headingId = `scenario-${scenario.id}`;
  return (
    <li className="card scenario-card" aria-labelledby={headingId}>
      <div className="scenario-badges">
        <span className={`badge ${severityClass(scenario.severity)}`}>{scenario.severity}</span>
        <span className="badge">{scenario.difficulty}</span>
      </div>
      <h2 id={headingId}>{scenario.title}</h2>
      <p className="scenario-summary">{scenario.summary}</p>
      <ul className="tags" aria-label="Tags">
        {scenario.tags.map((tag) => (
          <li key={tag}>
            <a className="tag" href={`#/catalogue?tag=${encodeURIComponent(tag)}`}>
              {tag}
            </a>
          </li>
        ))}
      </ul>
      {history !== undefined && (
        <dl className="scenario-history">
          <div>
            <dt>Drilled</dt>
            <dd>{history ? `${history.drills}×` : 'never'}</dd>
          </div>
          <div>
            <dt>Best MTTD</dt>
            <dd>{formatDuration(history?.bestMttd)}</dd>
          </div>
          <div>
            <dt>Best MTTR</dt>
            <dd>{formatDuration(history?.bestMttr)}</dd>
          </div>
          <div>
            <dt>Best score</dt>
            <dd>{history?.bestScore ?? '—'}</dd>
          </div>
        </dl>
      )}
      {onStart && (
        <div className="scenario-actions">
          <button type="button" className="button primary" onClick={onStart} aria-label={`Start a drill: ${scenario.title}`}>
            Start a drill
          </button>
        </div>
      )}
    </li>
  );
}
