import { useState } from 'react';
import { api, useApi } from '../../api/index.js';
import { Empty, ErrorMessage, Loading } from '../../app/feedback.js';
import { summariseStack } from './stack-summary.js';

/** The stacks page: what is running, how healthy it is, and which faults are in effect. */
export function StacksPage() {
  const stacks = useApi(() => api.stacks(), [], { refreshMs: 2000 });
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      setActionError(null);
      stacks.reload();
    } catch (failure) {
      setActionError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Stacks</h1>
          <p className="muted">Demo-shop stacks running on this machine (drills start their own).</p>
        </div>
        <button type="button" className="button primary" disabled={busy} onClick={() => void act(() => api.createStack(10))}>
          Start a stack (10 req/s)
        </button>
      </header>
      <ErrorMessage error={actionError} />
      <ErrorMessage error={stacks.error} retry={stacks.reload} />
      {stacks.data === undefined ? (
        stacks.loading && <Loading label="Loading stacks…" />
      ) : stacks.data.length === 0 ? (
        <Empty title="No stack is running." />
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                {['Stack', 'Replicas', 'Restarts', 'Errors', 'p95', 'Active faults'].map((heading) => (
                  <th key={heading} scope="col">
                    {heading}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {stacks.data.map((stack) => {
                const summary = summariseStack(stack);
                return (
                  <tr key={stack.id}>
                    <td>
                      <code>{summary.id}</code>
                    </td>
                    <td>
                      {summary.replicas}
                      {summary.unhealthy.length > 0 && <div className="danger-text">{summary.unhealthy.join(', ')}</div>}
                    </td>
                    <td>{summary.restarts}</td>
                    <td>{summary.errorRate}</td>
                    <td>{summary.p95}</td>
                    <td>{summary.activeFaults.join('; ') || 'none'}</td>
                    <td>
                      <button type="button" className="button small" disabled={busy} onClick={() => void act(() => api.deleteStack(stack.id))}>
                        Stop <span className="visually-hidden">{stack.id}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
