import { useState, type FormEvent } from 'react';
import { api, ApiError, useApi, type GameDayView, type Problem } from '../../api/index.js';
import { ErrorMessage, Loading } from '../../app/feedback.js';
import { Link, navigate, useRoute } from '../../router/index.js';
import { FieldProblems } from './FieldProblems.js';
import { emptyForm, formFromGameDay, problemsAt, requestFromForm, unplacedProblems, type GameDayForm } from './gameday-form.js';
import { ParticipantsField } from './ParticipantsField.js';
import { PlanFields } from './PlanFields.js';
import { ScheduleFields } from './ScheduleFields.js';
import { TargetsField } from './TargetsField.js';
import { browserTimeZone } from './zone-time.js';
import './gamedays.css';

/** Fields the form shows problems next to; anything else is listed above the buttons. */
const PLACED = ['name', 'team', 'participants', 'plan', 'schedule', 'speed', 'spacing', 'notify'];

/** `#/gamedays/new` and `#/gamedays/:id/edit`. */
export function GameDayFormPage() {
  const { params } = useRoute();
  const id = params.id;
  const existing = useApi((signal) => (id ? api.gameDay(id, { signal }) : Promise.resolve(null)), [id]);
  if (id && existing.data === undefined) {
    return existing.error ? <ErrorMessage error={existing.error} retry={existing.reload} title="The game day could not be loaded" /> : <Loading label="Loading the game day…" />;
  }
  return <GameDayFormBody key={id ?? 'new'} existing={existing.data ?? null} />;
}

function GameDayFormBody({ existing }: { existing: GameDayView | null }) {
  const [form, setForm] = useState<GameDayForm>(() => (existing ? formFromGameDay(existing, browserTimeZone()) : emptyForm(browserTimeZone())));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const scenarios = useApi(() => api.scenarios(), []);
  const update = (changes: Partial<GameDayForm>) => setForm((current) => ({ ...current, ...changes }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const parsed = requestFromForm(form);
    if (!parsed.ok) {
      setProblems(parsed.problems);
      focusFirstInvalid();
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const saved = existing ? await api.updateGameDay(existing.id, parsed.value) : await api.createGameDay(parsed.value);
      navigate(`/gamedays/${encodeURIComponent(saved.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) {
        setProblems(error.problems);
        focusFirstInvalid();
      }
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const at = (field: string) => problemsAt(problems, field);
  const elsewhere = unplacedProblems(problems, PLACED);
  const title = existing ? `Edit ${existing.name}` : 'New game day';

  return (
    <section className="page gd-form-page">
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="muted">Who drills, which scenarios, when, and who is told.</p>
        </div>
        <Link to={existing ? `/gamedays/${encodeURIComponent(existing.id)}` : '/gamedays'}>Cancel</Link>
      </header>
      <form className="form gd-form" onSubmit={submit} noValidate aria-label={title}>
        <div className="gd-row top">
          <div className="field grow">
            <label htmlFor="gd-name">Name</label>
            <input id="gd-name" value={form.name} aria-invalid={at('name').length > 0} aria-describedby="gd-name-help" onChange={(event) => update({ name: event.target.value })} />
            <FieldProblems id="gd-name-help" problems={at('name')} />
          </div>
          <div className="field grow">
            <label htmlFor="gd-team">Team</label>
            <input id="gd-team" value={form.team} aria-invalid={at('team').length > 0} aria-describedby="gd-team-help" onChange={(event) => update({ team: event.target.value })} />
            <FieldProblems id="gd-team-help" problems={at('team')} hint="Its drills count for this team on the scoreboard." />
          </div>
        </div>

        <ParticipantsField participants={form.participants} problems={problems} onChange={(participants) => update({ participants })} />

        {scenarios.error ? (
          <ErrorMessage error={scenarios.error} retry={scenarios.reload} title="Scenarios could not be loaded" />
        ) : scenarios.data === undefined ? (
          <Loading label="Loading scenarios…" />
        ) : (
          <PlanFields form={form} scenarios={scenarios.data} problems={problems} onChange={update} />
        )}

        <ScheduleFields form={form} problems={problems} onChange={update} />

        <fieldset className="gd-fieldset">
          <legend>Drills</legend>
          <div className="gd-row">
            <div className="field">
              <label htmlFor="gd-speed">Speed</label>
              <input id="gd-speed" className="short" type="number" inputMode="decimal" min={0.1} max={1000} step="any" value={form.speed} aria-invalid={at('speed').length > 0} aria-describedby="gd-speed-help" onChange={(event) => update({ speed: event.target.value })} />
              <FieldProblems id="gd-speed-help" problems={at('speed')} hint="1 is real time; 10–30 for a rehearsal." />
            </div>
            <div className="field">
              <label htmlFor="gd-spacing">Spacing</label>
              <input id="gd-spacing" className="short" value={form.spacing} aria-invalid={at('spacing').length > 0} aria-describedby="gd-spacing-help" onChange={(event) => update({ spacing: event.target.value })} />
              <FieldProblems id="gd-spacing-help" problems={at('spacing')} hint="Wall time between drill starts, e.g. 0s (together) or 20m." />
            </div>
          </div>
        </fieldset>

        <TargetsField targets={form.targets} before={form.notifyBefore} problems={problems} onChange={update} />

        <div className="field inline-field">
          <input id="gd-enabled" type="checkbox" checked={form.enabled} onChange={(event) => update({ enabled: event.target.checked })} />
          <label htmlFor="gd-enabled">Enabled (runs on schedule)</label>
        </div>

        {elsewhere.length > 0 && (
          <div className="error-message" role="alert">
            <ul>
              {elsewhere.map((problem) => (
                <li key={`${problem.field}:${problem.message}`}>
                  <code>{problem.field}</code> {problem.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {problems.length > 0 && elsewhere.length === 0 && (
          <p className="danger-text" role="alert">
            Some fields need a change: see the messages next to them.
          </p>
        )}
        {failure !== null && problems.length === 0 && <ErrorMessage error={failure} title="Not saved" />}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : existing ? 'Save changes' : 'Create game day'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** After a failed submit, keyboard and screen-reader users land on the first field to fix. */
function focusFirstInvalid() {
  setTimeout(() => document.querySelector<HTMLElement>('.gd-form [aria-invalid="true"]')?.focus(), 0);
}
