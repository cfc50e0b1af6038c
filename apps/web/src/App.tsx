import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiClient, tokenFromLocation, type StackView } from './api-client.js';
import { summariseStack } from './stack-summary.js';

const cell = { padding: '4px 10px', borderBottom: '1px solid #ddd', textAlign: 'left' as const, verticalAlign: 'top' as const };

/** The stacks page: what is running, how healthy it is, and which faults are in effect. */
export function App() {
  const client = useMemo(() => new ApiClient(tokenFromLocation(sessionStorage, window.location)), []);
  const [stacks, setStacks] = useState<StackView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setStacks(await client.stacks());
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, [client]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 2000);
    return () => clearInterval(timer);
  }, [refresh]);

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      await refresh();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 1000, margin: '24px auto', padding: '0 16px' }}>
      <h1 style={{ marginBottom: 4 }}>Firedrill</h1>
      <p style={{ marginTop: 0, color: '#555' }}>Chaos and incident drills. Stacks running the demo shop:</p>
      {error && (
        <p role="alert" style={{ background: '#fde8e8', padding: 8, borderRadius: 4 }}>
          {error}
        </p>
      )}
      <button disabled={busy} onClick={() => void act(() => client.createStack(10))}>
        Start a stack (10 req/s)
      </button>
      {stacks === null ? (
        <p>Loading…</p>
      ) : stacks.length === 0 ? (
        <p>No stack is running.</p>
      ) : (
        <table style={{ borderCollapse: 'collapse', marginTop: 16, width: '100%' }}>
          <thead>
            <tr>
              {['stack', 'replicas', 'restarts', 'errors', 'p95', 'active faults', ''].map((heading) => (
                <th key={heading} style={cell}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stacks.map((stack) => {
              const summary = summariseStack(stack);
              return (
                <tr key={stack.id}>
                  <td style={cell}>
                    <code>{summary.id}</code>
                  </td>
                  <td style={cell}>
                    {summary.replicas}
                    {summary.unhealthy.length > 0 && <div style={{ color: '#a00' }}>{summary.unhealthy.join(', ')}</div>}
                  </td>
                  <td style={cell}>{summary.restarts}</td>
                  <td style={cell}>{summary.errorRate}</td>
                  <td style={cell}>{summary.p95}</td>
                  <td style={cell}>{summary.activeFaults.join('; ') || 'none'}</td>
                  <td style={cell}>
                    <button disabled={busy} onClick={() => void act(() => client.deleteStack(stack.id))}>
                      Stop
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}
