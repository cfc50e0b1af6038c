import type { DistributionSummary, ScoreboardGroup } from '../../api/index.js';
import { formatDuration } from '../../app/format.js';

export const formatScore = (value: number) => String(Math.round(value));

const MEASURES = [
  { key: 'mttd', label: 'MTTD', format: formatDuration },
  { key: 'mtta', label: 'MTTA', format: formatDuration },
  { key: 'mttr', label: 'MTTR', format: formatDuration },
  { key: 'score', label: 'Score', format: formatScore },
] as const;

/** One row per responder, team or scenario: count, then mean / median / p90 of each measure. */
export function GroupTable({ heading, groups, label = (key) => key }: { heading: string; groups: ScoreboardGroup[]; label?: (key: string) => string }) {
  const cells = (summary: DistributionSummary, format: (value: number) => string) =>
    [summary.mean, summary.median, summary.p90].map((value, index) => (
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
            {MEASURES.map((measure) => (
              <th key={measure.key} scope="colgroup" colSpan={3} className="group-head">
                {measure.label}
              </th>
            ))}
          </tr>
          <tr>
            {MEASURES.flatMap((measure) =>
              ['mean', 'median', 'p90'].map((stat) => (
                <th key={`${measure.key}-${stat}`} scope="col" className="num">
                  {stat}
                  <span className="visually-hidden"> {measure.label}</span>
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key}>
              <th scope="row">{label(group.key)}</th>
              <td className="num">{group.drills}</td>
              {MEASURES.flatMap((measure) => cells(group[measure.key], measure.format))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
