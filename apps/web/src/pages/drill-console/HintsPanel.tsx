import { useState } from 'react';
import { api } from '../../api/index.js';
import type { DrillEvent, HintSummary } from '../../api/types.js';
import { Empty } from '../../app/feedback.js';
import { ConfirmDialog } from './ConfirmDialog.js';

interface HintAnswer {
  hintId: string;
  text: string;
  cost: number;
  charged: boolean;
}

export interface HintsPanelProps {
  drillId: string;
  hints: readonly HintSummary[];
  events: readonly DrillEvent[];
  enabled: boolean;
}

/** The scenario's hints with their cost in points; each is confirmed before it is taken. */
export function HintsPanel({ drillId, hints, events, enabled }: HintsPanelProps) {
  const [asking, setAsking] = useState<HintSummary | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const taken = new Set(events.filter((event) => event.type === 'hint.requested').map((event) => (event.data as { hintId: string }).hintId));

  const take = async (hint: HintSummary) => {
    setAsking(null);
    setError(null);
    try {
      const answer = await api.post<HintAnswer>(`/api/drills/${encodeURIComponent(drillId)}/hints`, { hintId: hint.id });
      setTexts((current) => ({ ...current, [hint.id]: answer.text }));
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  if (hints.length === 0) return <Empty title="No hints">This scenario offers no hints.</Empty>;
  return (
    <div className="hints">
      <p className="muted small">A hint costs points from the drill's score, charged once the first time you open it.</p>
      <ol className="hint-list">
        {hints.map((hint, index) => {
          const isTaken = taken.has(hint.id);
          return (
            <li key={hint.id} className="hint">
              <div className="hint-head">
                <span>
                  Hint {index + 1} <span className="badge">−{hint.cost} points</span>
                  {isTaken && <span className="muted small"> taken</span>}
                </span>
                <button
                  type="button"
                  className="button small"
                  disabled={!enabled && !isTaken}
                  onClick={() => (isTaken ? void take(hint) : setAsking(hint))}
                  aria-label={isTaken ? `Show hint ${index + 1} again` : `Take hint ${index + 1} for ${hint.cost} points`}
                >
                  {isTaken ? 'Show again' : 'Take hint'}
                </button>
              </div>
              {texts[hint.id] && <p className="hint-text">{texts[hint.id]}</p>}
            </li>
          );
        })}
      </ol>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      <ConfirmDialog
        title="Take a hint?"
        message={asking ? `This hint costs ${asking.cost} points off the drill's score.` : null}
        confirmLabel={asking ? `Take it (−${asking.cost})` : 'Take it'}
        onCancel={() => setAsking(null)}
        onConfirm={() => asking && void take(asking)}
      />
    </div>
  );
}
