import { useState, type FormEvent } from 'react';
import { api } from '../../api/index.js';
import { ErrorMessage } from '../../app/feedback.js';

interface Hint {
  id: string;
  cost: number;
  text?: string;
}

/**
 * Send a hint to the team (`POST /api/drills/:id/hints` as facilitator). Its cost is charged to
 * the drill's score the first time, as if a responder had asked for it.
 */
export function HintSender({ drillId, hints, used, disabled }: { drillId: string; hints: readonly Hint[]; used: ReadonlySet<string>; disabled: boolean }) {
  const [hintId, setHintId] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const chosen = hints.find((hint) => hint.id === hintId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!hintId) return;
    setBusy(true);
    setFailure(null);
    try {
      const answer = await api.post<{ hintId: string; cost: number; charged: boolean }>(`/api/drills/${encodeURIComponent(drillId)}/hints`, { hintId });
      setSent(`Sent “${answer.hintId}”${answer.charged ? ` (−${answer.cost} points)` : ' (already charged)'}.`);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (hints.length === 0) return <p className="muted">This scenario has no hints.</p>;
  return (
    <form className="form" onSubmit={submit} aria-labelledby="hint-title">
      <h3 id="hint-title">Send a hint</h3>
      <div className="field">
        <label htmlFor="hint-id">Hint</label>
        <select id="hint-id" value={hintId} onChange={(event) => setHintId(event.target.value)}>
          <option value="">Choose a hint…</option>
          {hints.map((hint) => (
            <option key={hint.id} value={hint.id}>
              {hint.id} (−{hint.cost}){used.has(hint.id) ? ' · already used' : ''}
            </option>
          ))}
        </select>
      </div>
      {chosen?.text && <p className="hint-text">{chosen.text}</p>}
      <div className="button-row">
        <button type="submit" className="button" disabled={disabled || busy || !hintId}>
          {busy ? 'Sending…' : 'Send hint'}
        </button>
        <span role="status" className="ok-text small">
          {sent}
        </span>
      </div>
      <ErrorMessage error={failure} title="Could not send the hint" />
    </form>
  );
}
