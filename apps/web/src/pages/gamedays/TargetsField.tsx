import type { NotificationTarget, Problem } from '../../api/index.js';
import { FieldProblems } from './FieldProblems.js';
import { problemsAt, problemsExactlyAt } from './gameday-form.js';

interface Props {
  targets: NotificationTarget[];
  before: string;
  problems: readonly Problem[];
  onChange: (changes: { targets?: NotificationTarget[]; notifyBefore?: string }) => void;
}

/** Webhook / Slack URLs told before the start (`before`) and when it starts. */
export function TargetsField({ targets, before, problems, onChange }: Props) {
  const change = (index: number, changes: Partial<NotificationTarget>) => onChange({ targets: targets.map((row, i) => (i === index ? { ...row, ...changes } : row)) });
  const beforeProblems = problemsAt(problems, 'notify.before');
  return (
    <fieldset className="gd-fieldset">
      <legend>Notifications</legend>
      {targets.length === 0 && <p className="muted small">No one is notified. Add a webhook or a Slack incoming-webhook URL.</p>}
      {targets.length > 0 && (
      <ol className="gd-rows">
        {targets.map((target, index) => {
          const rowProblems = problemsAt(problems, `notify.targets.${index}`);
          return (
            <li key={index}>
              <div className="gd-row">
                <div className="field">
                  <label htmlFor={`gd-target-${index}-kind`}>Kind</label>
                  <select id={`gd-target-${index}-kind`} value={target.kind} onChange={(event) => change(index, { kind: event.target.value as NotificationTarget['kind'] })}>
                    <option value="webhook">webhook (JSON)</option>
                    <option value="slack">Slack</option>
                  </select>
                </div>
                <div className="field grow">
                  <label htmlFor={`gd-target-${index}-url`}>URL</label>
                  <input
                    id={`gd-target-${index}-url`}
                    type="url"
                    inputMode="url"
                    value={target.url}
                    placeholder="https://hooks.example.com/…"
                    aria-invalid={rowProblems.length > 0}
                    aria-describedby={`gd-target-${index}-help`}
                    onChange={(event) => change(index, { url: event.target.value })}
                  />
                </div>
                <button type="button" className="button small" aria-label={`Remove notification target ${index + 1}`} onClick={() => onChange({ targets: targets.filter((_, i) => i !== index) })}>
                  Remove
                </button>
              </div>
              <FieldProblems id={`gd-target-${index}-help`} problems={rowProblems} />
            </li>
          );
        })}
      </ol>
      )}
      <button type="button" className="button small" onClick={() => onChange({ targets: [...targets, { kind: 'webhook', url: '' }] })} disabled={targets.length >= 10}>
        Add target
      </button>
      <div className="field">
        <label htmlFor="gd-notify-before">Reminder before the start</label>
        <input id="gd-notify-before" className="short" value={before} aria-invalid={beforeProblems.length > 0} aria-describedby="gd-notify-before-help" onChange={(event) => onChange({ notifyBefore: event.target.value })} />
        <FieldProblems id="gd-notify-before-help" problems={[...beforeProblems, ...problemsExactlyAt(problems, 'notify'), ...problemsExactlyAt(problems, 'notify.targets')]} hint="A duration such as 15m or 1h." />
      </div>
    </fieldset>
  );
}
