import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, type CreatedDrill, type ScenarioSummary } from '../../api/index.js';
import { ErrorMessage } from '../../app/feedback.js';
import { navigate } from '../../router/index.js';
import { parseStartDrill, type StartDrillForm } from './catalogue-data.js';

const SPEEDS = [
  { value: '1', label: 'Real time (1×)' },
  { value: '5', label: 'Fast (5×)' },
  { value: '10', label: 'Rehearsal (10×)' },
  { value: '30', label: 'Demo (30×)' },
];

/**
 * Creating a drill, in two steps: who joins and how fast (→ join links to hand out), then start.
 * Join links carry tokens shown only once, so they stay on screen until the facilitator moves on.
 */
export function StartDrillDialog({ scenario, onClose }: { scenario: ScenarioSummary; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<StartDrillForm>({ speed: '1', participants: '' });
  const [problems, setProblems] = useState<Array<{ field: string; message: string }>>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedDrill | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseStartDrill(scenario.id, form);
    if (!parsed.ok) return setProblems(parsed.problems);
    setProblems([]);
    setBusy(true);
    try {
      setCreated(await api.createDrill(parsed.request));
      setError(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    if (!created) return;
    setBusy(true);
    try {
      await api.startDrill(created.id);
      navigate(`/facilitator/drills/${encodeURIComponent(created.id)}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const problemOf = (field: string) => problems.filter((problem) => problem.field === field).map((problem) => problem.message).join('; ');

  return (
    <dialog ref={dialog} aria-labelledby="start-drill-title" onClose={onClose} onCancel={onClose}>
      <h2 id="start-drill-title">Start a drill: {scenario.title}</h2>
      {!created ? (
        <form className="form" onSubmit={(event) => void create(event)} noValidate>
          <div className="field">
            <label htmlFor="drill-speed">Speed</label>
            <select id="drill-speed" value={form.speed} onChange={(event) => setForm({ ...form, speed: event.target.value })} aria-describedby="drill-speed-help">
              {SPEEDS.map((speed) => (
                <option key={speed.value} value={speed.value}>
                  {speed.label}
                </option>
              ))}
            </select>
            <small id="drill-speed-help" className="muted">
              How fast the drill's clock runs: a real drill is 1×; faster is for rehearsals and demos.
            </small>
            {problemOf('speed') && <small className="danger-text">{problemOf('speed')}</small>}
          </div>
          <div className="field">
            <label htmlFor="drill-participants">Responders</label>
            <textarea
              id="drill-participants"
              rows={3}
              value={form.participants}
              placeholder={'ana, ben\ncarla (observer)'}
              onChange={(event) => setForm({ ...form, participants: event.target.value })}
              aria-describedby="drill-participants-help"
              aria-invalid={problemOf('participants') ? true : undefined}
            />
            <small id="drill-participants-help" className="muted">
              Names separated by commas or lines; add “(observer)” for someone who only watches. Each gets a join link; an observer link is added when
              none is named. Empty: one responder called “responder”.
            </small>
            {problemOf('participants') && <small className="danger-text">{problemOf('participants')}</small>}
          </div>
          <ErrorMessage error={error} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create drill'}
            </button>
          </div>
        </form>
      ) : (
        <div className="form">
          <p>
            Drill <code>{created.id}</code> is ready. Send each person their link (it carries their credential and is shown only now), then
            start.
          </p>
          <ul className="join-links">
            {created.joinLinks.map((link) => (
              <li key={link.token}>
                <span>
                  <strong>{link.name}</strong> <span className="badge">{link.role}</span>
                </span>
                <input readOnly aria-label={`Join link for ${link.name}`} value={link.url} onFocus={(event) => event.target.select()} />
                <button type="button" className="button small" onClick={() => void navigator.clipboard?.writeText(link.url)}>
                  Copy<span className="visually-hidden"> link for {link.name}</span>
                </button>
              </li>
            ))}
          </ul>
          <ErrorMessage error={error} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => navigate(`/facilitator/drills/${encodeURIComponent(created.id)}`)}>
              Start later
            </button>
            <button type="button" className="button primary" disabled={busy} onClick={() => void start()} autoFocus>
              {busy ? 'Starting…' : 'Start the drill now'}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
