import { useState } from 'react';
import type { Problem } from '../../api/index.js';
import { FieldProblems } from './FieldProblems.js';
import { problemsAt, problemsExactlyAt, scheduleFromForm, type ScheduleForm } from './gameday-form.js';
import { SchedulePreview } from './SchedulePreview.js';
import { scheduleInWords } from './schedule-words.js';
import { TimeZoneField } from './TimeZoneField.js';

/** One date in a zone, or cron in a zone every n-th time; with the next starts beside it. */
export function ScheduleFields({ form, problems: submitted, onChange }: { form: ScheduleForm; problems: readonly Problem[]; onChange: (changes: Partial<ScheduleForm>) => void }) {
  const [previewProblems, setPreviewProblems] = useState<Problem[]>([]);
  // The preview's verdict is the newer one for the schedule fields; the submit's for the rest.
  const problems = previewProblems.length > 0 ? [...submitted.filter((p) => problemsAt([p], 'schedule').length === 0), ...previewProblems] : submitted;
  const parsed = scheduleFromForm(form);
  const schedule = parsed.ok ? parsed.value : null;
  const at = problemsAt(problems, 'schedule.at');
  const expression = problemsAt(problems, 'schedule.expression');
  const every = problemsAt(problems, 'schedule.every');
  return (
    <fieldset className="gd-fieldset">
      <legend>Schedule</legend>
      <div role="radiogroup" aria-label="Kind of schedule" className="gd-choice">
        <label>
          <input type="radio" name="gd-schedule-kind" value="cron" checked={form.scheduleKind === 'cron'} onChange={() => onChange({ scheduleKind: 'cron' })} /> Repeating (cron)
        </label>
        <label>
          <input type="radio" name="gd-schedule-kind" value="once" checked={form.scheduleKind === 'once'} onChange={() => onChange({ scheduleKind: 'once' })} /> Once
        </label>
      </div>
      <div className="gd-schedule">
        <div className="gd-schedule-fields">
          {form.scheduleKind === 'once' ? (
            <>
              <div className="field">
                <label htmlFor="gd-once-at">Date and time</label>
                <input id="gd-once-at" type="datetime-local" value={form.onceAt} aria-invalid={at.length > 0} aria-describedby="gd-once-at-help" onChange={(event) => onChange({ onceAt: event.target.value })} />
                <FieldProblems id="gd-once-at-help" problems={at} hint="Read in the time zone below." />
              </div>
              <TimeZoneField id="gd-once-zone" value={form.onceZone} problems={[]} onChange={(zone) => onChange({ onceZone: zone })} />
            </>
          ) : (
            <>
              <div className="field">
                <label htmlFor="gd-cron">Cron expression</label>
                <input id="gd-cron" className="mono" value={form.expression} spellCheck={false} autoComplete="off" aria-invalid={expression.length > 0} aria-describedby="gd-cron-help" onChange={(event) => onChange({ expression: event.target.value })} />
                <FieldProblems id="gd-cron-help" problems={expression} hint="minute hour day-of-month month day-of-week, e.g. 0 14 * * 5 is Fridays at 14:00." />
              </div>
              <TimeZoneField id="gd-cron-zone" value={form.cronZone} problems={problemsAt(problems, 'schedule.timeZone')} onChange={(zone) => onChange({ cronZone: zone })} />
              <div className="field">
                <label htmlFor="gd-every">Run every n-th occurrence</label>
                <input id="gd-every" className="short" type="number" min={1} max={52} value={form.every} aria-invalid={every.length > 0} aria-describedby="gd-every-help" onChange={(event) => onChange({ every: event.target.value })} />
                <FieldProblems id="gd-every-help" problems={every} hint="1: every time; 2: every other (e.g. every other Friday)." />
              </div>
            </>
          )}
          <FieldProblems id="gd-schedule-help" problems={problemsExactlyAt(problems, 'schedule')} />
          {schedule && (
            <p className="gd-in-words">
              <span className="muted">In words:</span> {scheduleInWords(schedule)}
            </p>
          )}
        </div>
        <SchedulePreview schedule={schedule} onProblems={setPreviewProblems} />
      </div>
    </fieldset>
  );
}
