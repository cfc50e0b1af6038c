import { useMemo, useState } from 'react';
import { api, useApi, type ScoreboardGroup } from '../../api/index.js';
import { Empty, ErrorMessage, Loading } from '../../app/feedback.js';
import { formatDuration } from '../../app/format.js';
import { setQuery, useRoute } from '../../router/index.js';
import { DrillRowsTable } from './DrillRowsTable.js';
import { formatScore, GroupTable } from './GroupTable.js';
import { saveFile } from './save-file.js';
import { apiQuery, filtersFromQuery, groupsOf, isFiltered, newestFirst, scenarioTitles, trendOf, type Grouping } from './scoreboard-query.js';
import { DURATION_INCRS, TrendChart } from './TrendChart.js';
import './scoreboard.css';

const GROUPINGS: Record<Grouping, string> = { responder: 'Responder', team: 'Team', scenario: 'Scenario' };
const TIME_SERIES_COLOURS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)'];

/**
 * MTTD / MTTA / MTTR and scores across drills by responder, team and scenario. The API computes
 * the statistics (`GET /api/scoreboard`); the filters live in the URL so a view can be shared.
 */
export function ScoreboardPage() {
  const { query } = useRoute();
  const filters = filtersFromQuery(query);
  const request = useMemo(() => apiQuery(filters), [filters.responder, filters.team, filters.scenario, filters.from, filters.to, filters.includeGate]);
  const grouping: Grouping = query.by && query.by in GROUPINGS ? (query.by as Grouping) : 'responder';
  const board = useApi((signal) => api.scoreboard(request, { signal }), [JSON.stringify(request)]);
  const scenarios = useApi((signal) => api.get<{ scenarios: Array<{ id: string; title: string }> }>('/api/scenarios', { signal }).then((r) => r.scenarios), []);
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  const [exportStatus, setExportStatus] = useState('');
  const [exportError, setExportError] = useState<unknown>(null);

  const rows = useMemo(() => newestFirst(board.data?.rows ?? []), [board.data]);
  const titles = useMemo(() => scenarioTitles(board.data?.rows ?? []), [board.data]);
  const series = useMemo(() => trendOf(rows), [rows]);
  // MTTR is often hours while MTTD and MTTA are seconds: on one axis the short ones would be a flat line.
  const responseSeries = useMemo(
    () => [
      { label: 'MTTD', values: series.mttd, colour: resolveColour(TIME_SERIES_COLOURS[0]!) },
      { label: 'MTTA', values: series.mtta, colour: resolveColour(TIME_SERIES_COLOURS[1]!) },
    ],
    [series],
  );
  const resolutionSeries = useMemo(() => [{ label: 'MTTR', values: series.mttr, colour: resolveColour(TIME_SERIES_COLOURS[2]!) }], [series]);
  const scoreSeries = useMemo(() => [{ label: 'Score', values: series.score, colour: resolveColour('var(--chart-4)') }], [series]);

  const exportAs = async (format: 'csv' | 'json') => {
    setExporting(format);
    setExportError(null);
    setExportStatus('');
    try {
      const file = await api.exportScoreboard(request, format);
      saveFile(file.blob, file.filename);
      setExportStatus(`Saved ${file.filename}.`);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  };

  const overall = board.data?.overall;
  const knownScenarios = scenarios.data ?? [...titles.entries()].map(([id, title]) => ({ id, title }));

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Scoreboard</h1>
          <p className="muted">Detection, acknowledgement and resolution times and scores across drills. p90 is the time 9 in 10 drills beat.</p>
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={() => exportAs('csv')} disabled={exporting !== null}>
            {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
          </button>
          <button type="button" className="button" onClick={() => exportAs('json')} disabled={exporting !== null}>
            {exporting === 'json' ? 'Exporting…' : 'Export JSON'}
          </button>
        </div>
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">
        {exportStatus}
      </p>
      <ErrorMessage error={exportError} title="Export failed" />

      <form className="filters" aria-label="Filter drills" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="sb-scenario">Scenario</label>
          <select id="sb-scenario" value={filters.scenario ?? ''} onChange={(event) => setQuery({ scenario: event.target.value })}>
            <option value="">All scenarios</option>
            {knownScenarios.map((scenario) => (
              <option key={scenario.id} value={scenario.id}>
                {scenario.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sb-responder">Responder</label>
          <input id="sb-responder" list="sb-responders" value={query.responder ?? ''} placeholder="Everyone" onChange={(event) => setQuery({ responder: event.target.value })} />
          <datalist id="sb-responders">{board.data?.byResponder.map((group) => <option key={group.key} value={group.key} />)}</datalist>
        </div>
        <div className="field">
          <label htmlFor="sb-team">Team</label>
          <input id="sb-team" list="sb-teams" value={query.team ?? ''} placeholder="Every team" onChange={(event) => setQuery({ team: event.target.value })} />
          <datalist id="sb-teams">{board.data?.byTeam.map((group) => <option key={group.key} value={group.key} />)}</datalist>
        </div>
        <div className="field">
          <label htmlFor="sb-from">From</label>
          <input id="sb-from" type="date" value={filters.from ?? ''} onChange={(event) => setQuery({ from: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="sb-to">To</label>
          <input id="sb-to" type="date" value={filters.to ?? ''} onChange={(event) => setQuery({ to: event.target.value })} />
        </div>
        <div className="field sb-gate">
          <input id="sb-gate" type="checkbox" checked={filters.includeGate} onChange={(event) => setQuery({ gate: event.target.checked ? '1' : undefined })} />
          <label htmlFor="sb-gate">Include CI gate drills</label>
        </div>
        {isFiltered(filters) && (
          <button type="button" className="button" onClick={() => setQuery({ scenario: undefined, responder: undefined, team: undefined, from: undefined, to: undefined, gate: undefined })}>
            Clear filters
          </button>
        )}
      </form>

      <ErrorMessage error={board.error} retry={board.reload} title="The scoreboard could not be loaded" />
      {board.data === undefined || !overall ? (
        board.loading && <Loading label="Loading the scoreboard…" />
      ) : rows.length === 0 ? (
        <Empty title={isFiltered(filters) ? 'No finished drill matches these filters.' : 'No finished drill yet.'}>
          A drill counts once it is scored, closed or aborted. {!isFiltered(filters) && <a href="#/catalogue">Start one from the catalogue</a>}
        </Empty>
      ) : (
        <>
          <div className="stats" aria-label="All drills shown">
            <div className="stat">
              <div className="label">Drills</div>
              <div className="value">{overall.drills}</div>
              <div className="muted small">{overall.score.count} scored</div>
            </div>
            <DistributionCard label="MTTD" summary={overall.mttd} />
            <DistributionCard label="MTTA" summary={overall.mtta} />
            <DistributionCard label="MTTR" summary={overall.mttr} />
            <DistributionCard label="Score" summary={overall.score} format={formatScore} />
          </div>

          <div className="trends">
            <div className="card">
              <h2>Detection and acknowledgement</h2>
              <TrendChart title="MTTD and MTTA of each drill over time" x={series.x} series={responseSeries} format={formatDuration} incrs={DURATION_INCRS} />
            </div>
            <div className="card">
              <h2>Resolution</h2>
              <TrendChart title="MTTR of each drill over time" x={series.x} series={resolutionSeries} format={formatDuration} incrs={DURATION_INCRS} />
            </div>
            <div className="card">
              <h2>Score per drill</h2>
              <TrendChart title="Score of each drill over time" x={series.x} series={scoreSeries} format={formatScore} />
            </div>
          </div>

          <section aria-labelledby="sb-groups" className="page">
            <div className="page-header">
              <h2 id="sb-groups">By {GROUPINGS[grouping].toLowerCase()}</h2>
              <div role="group" aria-label="Group by" className="segmented">
                {(Object.keys(GROUPINGS) as Grouping[]).map((key) => (
                  <button key={key} type="button" className="button small" aria-pressed={grouping === key} onClick={() => setQuery({ by: key === 'responder' ? undefined : key })}>
                    {GROUPINGS[key]}
                  </button>
                ))}
              </div>
            </div>
            <GroupTable heading={GROUPINGS[grouping]} groups={groupsOf(board.data, grouping)} label={grouping === 'scenario' ? (key) => titles.get(key) ?? key : undefined} />
          </section>

          <section aria-labelledby="sb-rows" className="page">
            <h2 id="sb-rows">Drills</h2>
            <DrillRowsTable rows={rows} />
          </section>
        </>
      )}
    </section>
  );
}

/** uPlot draws on a canvas, which does not understand CSS variables. */
function resolveColour(value: string): string {
  const name = /^var\((--[\w-]+)\)$/.exec(value)?.[1];
  if (!name) return value;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#ff7a45';
}

function DistributionCard({ label, summary, format = formatDuration }: { label: string; summary: ScoreboardGroup['mttd']; format?: (value: number) => string }) {
  const show = (value: number | null) => (value === null ? '—' : format(value));
  return (
    <div className="stat">
      <div className="label">{label} (mean)</div>
      <div className="value">{show(summary.mean)}</div>
      <div className="muted small">
        median {show(summary.median)} · p90 {show(summary.p90)} · n={summary.count}
      </div>
    </div>
  );
}
