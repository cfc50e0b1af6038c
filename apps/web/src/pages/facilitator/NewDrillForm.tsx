import { useState, type FormEvent } from 'react';
import { api, ApiError, useApi, type CreatedDrill, type ScenarioSummary } from '../../api/index.js';
import { ErrorMessage, Loading } from '../../app/feedback.js';
import { Link } from '../../router/index.js';
import { parseNewDrill } from './drill-form.js';
import { JoinLinks, rememberJoinLinks } from './JoinLinks.js';

/** Scenario, speed, names → `POST /api/drills` → the join links → Start. */
export function NewDrillForm({ onChanged }: { onChanged: () => void }) {
  const scenarios = useApi(() => api.scenarios(), []);
  const [scenario, setScenario] = useState('');
  const [speed, setSpeed] = useState('1');
  const [responders, setResponders] = useState('');
  const [problems, setProblems] = useState<Array<{ field: string; message: string }>>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedDrill | null>(null);
  const [started, setStarted] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseNewDrill({ scenario, speed, responders });
    setFailure(null);
    if (!parsed.ok) return setProblems(parsed.problems);
    setProblems([]);
    setBusy(true);
    try {
      const drill = await api.createDrill(parsed.request);
      rememberJoinLinks(drill.id, drill.joinLinks);
      setCreated(drill);
      setStarted(false);
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) setProblems(error.problems);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    if (!created) return;
    setBusy(true);
    setFailure(null);
    try {
      await api.startDrill(created.id);
      setStarted(true);
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const fieldProblems = (field: string) => problems.filter((problem) => problem.field === field || problem.field.startsWith(`${field}.`));
  const selected: ScenarioSummary | undefined = scenarios.data?.find((entry) => entry.id === scenario);

  return (
    <section className="card" aria-labelledby="new-drill-title">
      <h2 id="new-drill-title">New drill</h2>
      {scenarios.loading && !scenarios.data ? (
        <Loading label="Loading scenarios…" />
      ) : scenarios.error ? (
        <ErrorMessage error={scenarios.error} retry={scenarios.reload} title="Scenarios" />
      ) : (
        <form className="form new-drill" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="drill-scenario">Scenario</label>
            <select id="drill-scenario" value={scenario} onChange={(event) => setScenario(event.target.value)} aria-invalid={fieldProblems('scenario').length > 0} aria-describedby="drill-scenario-help">
              <option value="">Choose a scenario…</option>
              {scenarios.data?.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.title} ({entry.severity}, {entry.difficulty}) — {entry.id}
                </option>
              ))}
            </select>
            <FieldErrors id="drill-scenario-help" problems={fieldProblems('scenario')} hint={selected?.summary} />
          </div>
          <div className="field">
            <label htmlFor="drill-speed">Speed</label>
            <input id="drill-speed" type="number" inputMode="decimal" min={0.1} max={1000} step="any" value={speed} onChange={(event) => setSpeed(event.target.value)} aria-invalid={fieldProblems('speed').length > 0} aria-describedby="drill-speed-help" />
            <FieldErrors id="drill-speed-help" problems={fieldProblems('speed')} hint="1 is a real drill; 10–30 for a quick rehearsal." />
          </div>
          <div className="field">
            <label htmlFor="drill-responders">Responders</label>
            <input id="drill-responders" value={responders} onChange={(event) => setResponders(event.target.value)} placeholder="alex, sam, kim:observer" aria-invalid={fieldProblems('responders').length > 0} aria-describedby="drill-responders-help" />
            <FieldErrors id="drill-responders-help" problems={fieldProblems('responders')} hint="Names separated by commas; name:observer for someone who only watches. An observer link is added when none is named." />
          </div>
          <div className="button-row">
            <button type="submit" className="button primary" disabled={busy}>
              {busy && !created ? 'Creating…' : 'Create drill'}
            </button>
          </div>
          {failure !== null && problems.length === 0 && <ErrorMessage error={failure} />}
        </form>
      )}
      {created && (
        <div className="created-drill" aria-live="polite">
          <h3>
            Drill <code>{created.id}</code> created
          </h3>
          <JoinLinks links={created.joinLinks} />
          <div className="button-row">
            <button type="button" className="button primary" onClick={start} disabled={busy || started}>
              {started ? 'Started' : busy ? 'Starting…' : 'Start the drill'}
            </button>
            <Link to={`/facilitator/drills/${encodeURIComponent(created.id)}`}>Open the live view</Link>
          </div>
          {failure !== null && <ErrorMessage error={failure} title="Could not start" />}
        </div>
      )}
    </section>
  );
}

function FieldErrors({ id, problems, hint }: { id: string; problems: Array<{ message: string }>; hint?: string | undefined }) {
  return (
    <div id={id} className="small">
      {problems.map((problem) => (
        <div key={problem.message} className="danger-text">
          {problem.message}
        </div>
      ))}
      {hint && <div className="muted">{hint}</div>}
    </div>
  );
}
