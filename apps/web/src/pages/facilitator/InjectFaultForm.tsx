import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/index.js';
import { ErrorMessage } from '../../app/feedback.js';
import { FAULT_KIND_OPTIONS, parseFaultForm, problemsFor, SERVICES, type FieldProblem } from './fault-form.js';

const pretty = (value: unknown) => JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');

/** Inject an extra fault into the drill's stack (`POST /api/stacks/:stackId/faults`). */
export function InjectFaultForm({ stackId, disabled, onInjected }: { stackId: string | null; disabled: boolean; onInjected?: () => void }) {
  const [kind, setKind] = useState(FAULT_KIND_OPTIONS[0]!.kind);
  const [service, setService] = useState('payments');
  const [dependency, setDependency] = useState('');
  const [paramsText, setParamsText] = useState(pretty(FAULT_KIND_OPTIONS[0]!.example));
  const [durationSeconds, setDurationSeconds] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const option = FAULT_KIND_OPTIONS.find((candidate) => candidate.kind === kind);

  const chooseKind = (next: string) => {
    setKind(next);
    const chosen = FAULT_KIND_OPTIONS.find((candidate) => candidate.kind === next);
    if (chosen) setParamsText(pretty(chosen.example));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setFailure(null);
    const parsed = parseFaultForm({ kind, service, dependency, paramsText, durationSeconds });
    if (!parsed.ok) return setProblems(parsed.problems);
    setProblems([]);
    if (!stackId) return;
    setBusy(true);
    try {
      const fault = await api.post<{ id: string; kind: string }>(`/api/stacks/${encodeURIComponent(stackId)}/faults`, parsed.body);
      setDone(`Injected ${fault.kind} (${fault.id}) on ${service}.`);
      onInjected?.();
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) setProblems(error.problems);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const errors = (field: string, id: string) => {
    const messages = problemsFor(problems, field);
    return messages.length === 0 ? null : (
      <div id={id} className="field-errors">
        {messages.map((message) => (
          <div key={message}>{message}</div>
        ))}
      </div>
    );
  };

  return (
    <form className="form fault-form" onSubmit={submit} noValidate aria-labelledby="inject-title">
      <h3 id="inject-title">Inject a fault</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="fault-kind">Kind</label>
          <select id="fault-kind" value={kind} onChange={(event) => chooseKind(event.target.value)} aria-describedby="fault-kind-help fault-kind-errors">
            {FAULT_KIND_OPTIONS.map((candidate) => (
              <option key={candidate.kind} value={candidate.kind}>
                {candidate.kind}
              </option>
            ))}
          </select>
          <span id="fault-kind-help" className="muted small">
            {option?.summary}
          </span>
          {errors('kind', 'fault-kind-errors')}
        </div>
        <div className="field">
          <label htmlFor="fault-service">Target service</label>
          <select id="fault-service" value={service} onChange={(event) => setService(event.target.value)} aria-describedby="fault-service-errors">
            {SERVICES.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
          {errors('target', 'fault-service-errors')}
        </div>
        {option?.takesDependency && (
          <div className="field">
            <label htmlFor="fault-dependency">Dependency (optional)</label>
            <input id="fault-dependency" value={dependency} onChange={(event) => setDependency(event.target.value)} placeholder="db, cache or a service" />
          </div>
        )}
        <div className="field">
          <label htmlFor="fault-duration">Duration, seconds (optional)</label>
          <input id="fault-duration" inputMode="numeric" value={durationSeconds} onChange={(event) => setDurationSeconds(event.target.value)} placeholder="until the drill ends" aria-invalid={problemsFor(problems, 'durationSeconds').length > 0} aria-describedby="fault-duration-errors" />
          {errors('durationSeconds', 'fault-duration-errors')}
        </div>
      </div>
      <div className="field">
        <label htmlFor="fault-params">Params (JSON)</label>
        <textarea id="fault-params" value={paramsText} onChange={(event) => setParamsText(event.target.value)} spellCheck={false} aria-invalid={problemsFor(problems, 'params').length > 0} aria-describedby="fault-params-errors" />
        {errors('params', 'fault-params-errors')}
      </div>
      <div className="button-row">
        <button type="submit" className="button danger" disabled={disabled || busy || !stackId}>
          {busy ? 'Injecting…' : 'Inject fault'}
        </button>
        {!stackId && <span className="muted small">The drill has no running stack.</span>}
        <span role="status" className="ok-text small">
          {done}
        </span>
      </div>
      <ErrorMessage error={failure} title="Could not inject the fault" />
    </form>
  );
}
