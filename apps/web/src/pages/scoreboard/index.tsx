import { useMemo } from 'react';
import { api, useApi, type DrillView } from '../../api/index.js';
import { Empty, ErrorMessage, Loading } from '../../app/feedback.js';
import { formatDuration } from '../../app/format.js';
import { setQuery, useRoute } from '../../router/index.js';
import {
  byResponder,
  byScenario,
  byTeam,
  drillsCsv,
  filterDrills,
  filterOptions,
  filtersFromQuery,
  statsOf,
  trend,
  type Distribution,
  type GroupStats,
} from './scoreboard-stats.js';
import { DURATION_INCRS, TrendChart } from './TrendChart.js';

const GROUPINGS = { responder: 'Responder', team: 'Team', scenario: 'Scenario' } as const;
type Grouping = keyof typeof GROUPINGS;

const formatScore = (value: number) => String(Math.round(value));
const TIME_SERIES_COLOURS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)'];

/** MTTD / MTTA / MTTR and scores across drills, by responder, team and scenario, with trends. */
export function ScoreboardPage() {
  const { query } = useRoute();
  const filters = filtersFromQuery(query);
  const grouping: Grouping = query.by && query.by in GROUPINGS ? (query.by as Grouping) : 'responder';
  const drills = useApi((signal) => api.get<{ drills: DrillView[] }>('/api/drills?limit=1000', { signal }).then((r) => r.drills), []);

  const all = useMemo(() => drills.data ?? [], [drills.data]);
  const options = useMemo(() => filterOptions(all), [all]);
  const shown = useMemo(() => filterDrills(all, filters), [all, filters.scenario, filters.responder, filters.from, filters.to]);
  const overall = useMemo(() => statsOf('all', 'All drills', shown), [shown]);
  const groups = useMemo(() => (grouping === 'team' ? byTeam(shown) : grouping === 'scenario' ? byScenario(shown) : byResponder(shown)), [shown, grouping]);
  const series = useMemo(() => trend(shown), [shown]);
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

  const exportCsv = () => {
    const blob = new Blob([drillsCsv(shown)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `firedrill-drills-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const filtered = Boolean(filters.scenario || filters.responder || filters.from || filters.to);

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Scoreboard</h1>
          <p className="muted">Detection, acknowledgement and resolution times and scores across drills. p90 is the time 9 in 10 drills beat.</p>
        </div>
        <button type="button" className="button" onClick={exportCsv} disabled={shown.length === 0}>
          Export CSV
        </button>
      </header>

      <form className="filters" aria-label="Filter drills" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="sb-scenario">Scenario</label>
          <select id="sb-scenario" value={filters.scenario ?? ''} onChange={(event) => setQuery({ scenario: event.target.value })}>
            <option value="">All scenarios</option>
            {options.scenarios.map((scenario) => (
              <option key={scenario.id} value={scenario.id}>
                {scenario.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sb-responder">Responder</label>
          <select id="sb-responder" value={filters.responder ?? ''} onChange={(event) => setQuery({ responder: event.target.value })}>
            <option value="">Everyone</option>
            {options.responders.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sb-from">From</label>
          <input id="sb-from" type="date" value={filters.from ?? ''} onChange={(event) => setQuery({ from: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="sb-to">To</label>
          <input id="sb-to" type="date" value={filters.to ?? ''} onChange={(event) => setQuery({ to: event.target.value })} />
        </div>
        {filtered && (
          <button type="button" className="button" onClick={() => setQuery({ scenario: undefined, responder: undefined, from: undefined, to: undefined })}>
            Clear filters
          </button>
        )}
      </form>

      <ErrorMessage error={drills.error} retry={drills.reload} title="Drills could not be loaded" />
      {drills.data === undefined ? (
        drills.loading && <Loading label="Loading drills…" />
      ) : shown.length === 0 ? (
        <Empty title={all.length === 0 ? 'No drill has been run yet.' : 'No drill matches these filters.'}>
          {all.length === 0 && <a href="#/catalogue">Start one from the catalogue</a>}
        </Empty>
      ) : (
        <>
          <div className="stats" aria-label="All drills shown">
            <StatCard label="Drills" value={String(shown.length)} detail={`${overall.score.n} scored`} />
            <DistributionCard label="MTTD" distribution={overall.mttd} />
            <DistributionCard label="MTTA" distribution={overall.mtta} />
            <DistributionCard label="MTTR" distribution={overall.mttr} />
            <DistributionCard label="Score" distribution={overall.score} format={formatScore} />
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
            <GroupTable heading={GROUPINGS[grouping]} groups={groups} />
            {grouping === 'team' && <p className="muted">A team is the set of responders who ran a drill together.</p>}
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

function StatCard({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="stat">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {detail && <div className="muted small">{detail}</div>}
    </div>
  );
}

function DistributionCard({ label, distribution, format = formatDuration }: { label: string; distribution: Distribution; format?: (value: number) => string }) {
  const show = (value: number | null) => (value === null ? '—' : format(value));
  return (
    <div className="stat">
      <div className="label">{label} (mean)</div>
      <div className="value">{show(distribution.mean)}</div>
      <div className="muted small">
        median {show(distribution.median)} · p90 {show(distribution.p90)} · n={distribution.n}
      </div>
    </div>
  );
}

function GroupTable({ heading, groups }: { heading: string; groups: GroupStats[] }) {
  const cells = (distribution: Distribution, format: (value: number) => string = formatDuration) =>
    [distribution.mean, distribution.median, distribution.p90].map((value, index) => (
      <td key={index} className="num">
        {value === null ? '—' : format(value)}
      </td>
    ));
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {heading}
            </th>
            <th scope="col" rowSpan={2} className="num">
              Drills
            </th>
            {['MTTD', 'MTTA', 'MTTR', 'Score'].map((measure) => (
              <th key={measure} scope="colgroup" colSpan={3} className="group-head">
                {measure}
              </th>
            ))}
          </tr>
          <tr>
            {['MTTD', 'MTTA', 'MTTR', 'Score'].flatMap((measure) =>
              ['mean', 'median', 'p90'].map((stat) => (
                <th key={`${measure}-${stat}`} scope="col" className="num">
                  {stat}
                  <span className="visually-hidden"> {measure}</span>
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key}>
              <th scope="row">{group.label}</th>
              <td className="num">{group.drills}</td>
              {cells(group.mttd)}
              {cells(group.mtta)}
              {cells(group.mttr)}
              {cells(group.score, formatScore)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
