import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../../api/index.js';
import { ACTIONS, SERVICES, buildActionRequest, configKeysFor, describeAction, riskOf, type ActionForm, type ActionName, type ActionRequest, type ServiceName } from './actions.js';
import { ConfirmDialog } from './ConfirmDialog.js';

export interface ActionConsoleProps {
  drillId: string;
  /** False for observers and outside the incident: the form shows but cannot send. */
  enabled: boolean;
  disabledReason: string | null;
  /** Replicas up per service, as the dashboards last saw them. */
  replicas: Record<string, number>;
}

interface Outcome {
  id: number;
  text: string;
  ok: boolean;
}

interface ActionAnswer {
  ok: boolean;
  result?: string;
}

/**
 * The typed actions a responder may take on the stack: a form per action with only the services
 * and settings it applies to, a confirmation for risky ones, and each result or readable error.
 */
export function ActionConsole({ drillId, enabled, disabledReason, replicas }: ActionConsoleProps) {
  const ids = useId();
  const [form, setForm] = useState<ActionForm>({ action: 'scale', service: 'payments', replicas: '3', configKey: 'pool.max', configValue: '10' });
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState<{ request: ActionRequest; question: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  // Until the responder types a number, the scale form starts from the replicas running now.
  const [replicasTouched, setReplicasTouched] = useState(false);
  const running = replicas[form.service];
  useEffect(() => {
    if (!replicasTouched && running !== undefined) setForm((current) => ({ ...current, replicas: String(running) }));
  }, [replicasTouched, running]);

  const definition = ACTIONS.find((action) => action.name === form.action)!;
  const services = definition.services;
  const keys = configKeysFor(form.service);
  const key = keys.find((candidate) => candidate.key === form.configKey);

  const update = (changes: Partial<ActionForm>) => {
    setProblem(null);
    setForm((current) => {
      const next = { ...current, ...changes };
      // Keep the choices valid: a service the action applies to, a setting the service has.
      const allowed = ACTIONS.find((action) => action.name === next.action)!.services;
      if (!allowed.includes(next.service)) next.service = allowed[0]!;
      const available = configKeysFor(next.service);
      if (next.action === 'set-config' && !available.some((candidate) => candidate.key === next.configKey) && available[0]) {
        next.configKey = available[0].key;
        next.configValue = String(available[0].initial);
      }
      if (changes.configKey) next.configValue = String(available.find((candidate) => candidate.key === changes.configKey)?.initial ?? '');
      if (changes.service && next.action === 'scale' && replicas[next.service] !== undefined) next.replicas = String(replicas[next.service]);
      return next;
    });
  };

  const send = async (request: ActionRequest) => {
    setPending(null);
    setSending(true);
    const what = describeAction(request.action, request.service, request.params);
    try {
      const answer = await api.post<ActionAnswer>(`/api/drills/${encodeURIComponent(drillId)}/actions`, request);
      setOutcomes((list) => [{ id: Date.now(), text: `${what}: ${answer.result ?? 'done'}`, ok: true }, ...list].slice(0, 8));
    } catch (failure) {
      setOutcomes((list) => [{ id: Date.now(), text: `${what} failed: ${(failure as Error).message}`, ok: false }, ...list].slice(0, 8));
    } finally {
      setSending(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildActionRequest(form);
    if ('problem' in built) {
      setProblem(built.problem);
      return;
    }
    const question = riskOf(built.request, replicas[built.request.service] ?? null);
    if (question) setPending({ request: built.request, question });
    else void send(built.request);
  };

  return (
    <section className="action-console" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Take an action</h3>
      {disabledReason && <p className="muted small">{disabledReason}</p>}
      <form className="form" onSubmit={submit}>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${ids}-action`}>Action</label>
            <select id={`${ids}-action`} value={form.action} onChange={(event) => update({ action: event.target.value as ActionName })}>
              {ACTIONS.map((action) => (
                <option key={action.name} value={action.name}>
                  {action.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-service`}>Service</label>
            <select id={`${ids}-service`} value={form.service} onChange={(event) => update({ service: event.target.value as ServiceName })}>
              {SERVICES.map((service) => (
                <option key={service} value={service} disabled={!services.includes(service)}>
                  {service}
                  {replicas[service] !== undefined ? ` (${replicas[service]} up)` : ''}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted small">{definition.description}</p>
        {form.action === 'scale' && (
          <div className="field">
            <label htmlFor={`${ids}-replicas`}>Replicas (1–8)</label>
            <input id={`${ids}-replicas`} type="number" min={1} max={8} step={1} value={form.replicas} onChange={(event) => (setReplicasTouched(true), update({ replicas: event.target.value }))} />
          </div>
        )}
        {form.action === 'set-config' && (
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${ids}-key`}>Setting</label>
              <select id={`${ids}-key`} value={form.configKey} onChange={(event) => update({ configKey: event.target.value })}>
                {keys.map((candidate) => (
                  <option key={candidate.key} value={candidate.key}>
                    {candidate.key} — {candidate.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${ids}-value`}>Value{key?.kind === 'integer' ? ` (${key.min}–${key.max})` : ''}</label>
              {key?.kind === 'boolean' ? (
                <select id={`${ids}-value`} value={form.configValue} onChange={(event) => update({ configValue: event.target.value })}>
                  <option value="true">on</option>
                  <option value="false">off</option>
                </select>
              ) : (
                <input id={`${ids}-value`} type="number" min={key?.min} max={key?.max} step={1} value={form.configValue} onChange={(event) => update({ configValue: event.target.value })} />
              )}
            </div>
          </div>
        )}
        {problem && (
          <p className="error-message" role="alert">
            {problem}
          </p>
        )}
        <div>
          <button type="submit" className="button primary" disabled={!enabled || sending}>
            {sending ? 'Running…' : `Run ${definition.label.toLowerCase()}`}
          </button>
        </div>
      </form>
      {/* Always in the page, so screen readers announce results as they are added. */}
      <ul className="action-outcomes" aria-live="polite" aria-label="Action results">
        {outcomes.map((outcome) => (
          <li key={outcome.id} className={outcome.ok ? 'ok-text' : 'danger-text'}>
            {outcome.ok ? '✓ ' : '✗ '}
            {outcome.text}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        title="Are you sure?"
        message={pending?.question ?? null}
        confirmLabel={pending ? `Yes, ${ACTIONS.find((action) => action.name === pending.request.action)!.label.toLowerCase()}` : 'Confirm'}
        danger
        onCancel={() => setPending(null)}
        onConfirm={() => pending && void send(pending.request)}
      />
    </section>
  );
}
