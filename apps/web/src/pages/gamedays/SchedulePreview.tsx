import { useEffect, useState } from 'react';
import { api, ApiError, type GameDaySchedule, type Problem } from '../../api/index.js';
import { ErrorMessage } from '../../app/feedback.js';
import { offsetInWords, wallTimeInWords } from './schedule-words.js';

/** How long the form must be still before the preview asks the API (not on every keystroke). */
const SETTLE_MS = 350;

/**
 * The next five starts as the API will compute them (`POST /api/gamedays/schedule-preview`), so
 * a facilitator sees "every other Friday" land on the Fridays they meant, in the zone they meant.
 */
export function SchedulePreview({ schedule, onProblems }: { schedule: GameDaySchedule | null; onProblems: (problems: Problem[]) => void }) {
  const [occurrences, setOccurrences] = useState<string[] | null>(null);
  /** The schedule the shown starts belong to: while it differs from the form's, they are stale. */
  const [shownKey, setShownKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = schedule ? JSON.stringify(schedule) : '';

  useEffect(() => {
    if (!schedule) {
      setOccurrences(null);
      setError(null);
      onProblems([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      api.schedulePreview(schedule, { signal: controller.signal }).then(
        (list) => {
          setOccurrences(list);
          setShownKey(key);
          setError(null);
          onProblems([]);
          setBusy(false);
        },
        (failure: unknown) => {
          if (controller.signal.aborted) return;
          setOccurrences(null);
          setError(failure);
          // Field problems go beside their fields (the form shows them); the box only says why it is empty.
          onProblems(failure instanceof ApiError ? failure.problems : []);
          setBusy(false);
        },
      );
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return (
    <section className="gd-preview" aria-labelledby="gd-preview-title" aria-live="polite" aria-busy={busy}>
      <h3 id="gd-preview-title">Next starts</h3>
      {!schedule ? (
        <p className="muted small">Complete the schedule to see when it runs.</p>
      ) : error instanceof ApiError && error.problems.length > 0 ? (
        <p className="danger-text small">No preview: the server does not accept this schedule (see beside its fields).</p>
      ) : error ? (
        <ErrorMessage error={error} />
      ) : occurrences === null ? (
        <p className="muted small">Working it out…</p>
      ) : occurrences.length === 0 ? (
        <p className="muted small">No start ahead: this schedule never runs again.</p>
      ) : (
        <ol className={`gd-occurrences ${shownKey === key ? '' : 'stale'}`} aria-busy={shownKey !== key}>
          {occurrences.map((iso) => (
            <li key={iso}>
              <time dateTime={iso}>{wallTimeInWords(iso)}</time> <span className="muted small">{offsetInWords(iso)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
