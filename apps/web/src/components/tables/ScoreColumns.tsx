import { formatDuration } from '../../app/format.js';

/** The score and the three timers, the same four columns wherever drills are listed side by side. */
export function ScoreColumnHeads() {
  return (
    <>
      <th scope="col" className="num">
        Score
      </th>
      <th scope="col" className="num">
        MTTD
      </th>
      <th scope="col" className="num">
        MTTA
      </th>
      <th scope="col" className="num">
        MTTR
      </th>
    </>
  );
}

/** Durations in seconds; null shows as a dash (the mark was never reached). */
export function ScoreColumnCells({ score, mttd, mtta, mttr }: { score: number | null; mttd: number | null; mtta: number | null; mttr: number | null }) {
  return (
    <>
      <td className="num">{score === null ? '—' : Math.round(score)}</td>
      <td className="num">{formatDuration(mttd)}</td>
      <td className="num">{formatDuration(mtta)}</td>
      <td className="num">{formatDuration(mttr)}</td>
    </>
  );
}
