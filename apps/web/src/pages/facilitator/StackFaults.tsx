import { useState } from 'react';
import { api, useApi } from '../../api/index.js';
import { ErrorMessage } from '../../app/feedback.js';

interface StackFault {
  id: string;
  kind: string;
  target: { service?: string; dependency?: string };
  params: Record<string, unknown>;
  state: string;
  endsAt: string | null;
}

/**
 * The faults on the drill's stack now: the scenario's and any injected by hand (those are not on
 * the drill's timeline), each revertable. `version` changes when one was just injected.
 */
export function StackFaults({ stackId, version, running }: { stackId: string; version: number; running: boolean }) {
  const faults = useApi((signal) => api.get<StackFault[]>(`/api/stacks/${encodeURIComponent(stackId)}/faults`, { signal }), [stackId, version], { refreshMs: running ? 5000 : 0 });
  const [failure, setFailure] = useState<unknown>(null);
  const revert = async (faultId: string) => {
    setFailure(null);
    try {
      await api.delete(`/api/stacks/${encodeURIComponent(stackId)}/faults/${encodeURIComponent(faultId)}`);
      faults.reload();
    } catch (error) {
      setFailure(error);
    }
  };
  const active = (faults.data ?? []).filter((fault) => fault.state === 'active');
  return (
    <div>
      <h3>Faults on the stack</h3>
      {faults.error && !faults.data && <p className="muted small">Not available: {faults.error.message}</p>}
      {faults.data && active.length === 0 && <p className="muted small">None active.</p>}
      {active.length > 0 && (
        <ul className="stack-faults">
          {active.map((fault) => (
            <li key={fault.id}>
              <span>
                <code>{fault.id}</code> {fault.kind} on {fault.target.service}
                {fault.target.dependency ? ` → ${fault.target.dependency}` : ''} <span className="muted small">{JSON.stringify(fault.params)}</span>
                {fault.endsAt && <span className="muted small"> until {new Date(fault.endsAt).toLocaleTimeString()} (stack time)</span>}
              </span>
              <button type="button" className="button small" onClick={() => revert(fault.id)} aria-label={`Revert ${fault.kind} fault ${fault.id}`}>
                Revert
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={failure} title="Could not revert" />
    </div>
  );
}
