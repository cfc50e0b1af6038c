import { useState, type FormEvent } from 'react';
import { api, useApi, type DrillState } from '../../api/index.js';
import { ErrorMessage, Loading } from '../../app/feedback.js';
import { Markdown } from '../../components/markdown/Markdown.js';
import './report.css';

/** The API takes a postmortem once the incident is over (409 before). */
const WRITABLE: readonly DrillState[] = ['resolved', 'scored', 'closed'];

/**
 * The postmortem: the API's draft (or the submitted one) in a textarea with a live preview. The
 * text a person is editing is never replaced by a reload; "Reset to the latest draft" does that
 * on purpose.
 */
export function PostmortemEditor({ drillId, state, canSubmit }: { drillId: string; state: DrillState; canSubmit: boolean }) {
  // The draft grows as the drill goes on (the score and the root cause arrive when it is scored).
  const postmortem = useApi(() => api.postmortem(drillId), [drillId, state]);
  // null: not edited, so the newest draft shows as it arrives.
  const [edited, setEdited] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const dirty = edited !== null && edited !== postmortem.data?.markdown;

  if (postmortem.loading && !postmortem.data) return <Loading label="Loading the postmortem draft…" />;
  if (postmortem.error && !postmortem.data) return <ErrorMessage error={postmortem.error} retry={postmortem.reload} title="Postmortem" />;
  const current = edited ?? postmortem.data?.markdown ?? '';
  const writable = WRITABLE.includes(state);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await api.submitPostmortem(drillId, current);
      setEdited(saved.markdown);
      // Kept as edited: once the reload brings the stored text back, it is no longer "unsaved".
      setSavedAt(saved.submittedAt ?? new Date().toISOString());
      postmortem.reload();
    } catch (failure) {
      setSaveError(failure);
    } finally {
      setSaving(false);
    }
  };

  const info = postmortem.data;
  return (
    <section className="card" aria-labelledby="postmortem-title">
      <div className="section-header">
        <h2 id="postmortem-title">Postmortem</h2>
        <span className="muted small">
          {info?.submitted ? `submitted${info.submittedBy ? ` by ${info.submittedBy}` : ''}${info.submittedAt ? ` at ${new Date(info.submittedAt).toLocaleString()}` : ''}` : 'draft built from the timeline'}
          {dirty ? ' · unsaved changes' : ''}
        </span>
      </div>
      <form onSubmit={submit} className="form">
        <div className="postmortem-editor">
          <div className="field">
            <label htmlFor="postmortem-text">Markdown</label>
            <textarea id="postmortem-text" value={current} onChange={(event) => setEdited(event.target.value)} readOnly={!canSubmit} spellCheck />
          </div>
          <div className="field">
            <span className="field-label" id="postmortem-preview-label">
              Preview
            </span>
            <div className="preview" aria-labelledby="postmortem-preview-label" tabIndex={0}>
              <Markdown source={current} />
            </div>
          </div>
        </div>
        {canSubmit && (
          <div className="button-row">
            <button type="submit" className="button primary" disabled={!writable || saving || current.trim() === ''}>
              {saving ? 'Submitting…' : info?.submitted ? 'Submit changes' : 'Submit postmortem'}
            </button>
            <button type="button" className="button" disabled={!dirty} onClick={() => setEdited(null)}>
              Reset to the latest {info?.submitted ? 'submitted version' : 'draft'}
            </button>
            {!writable && <span className="muted small">A postmortem can be submitted once the drill has resolved (it is {state}).</span>}
            {savedAt && !dirty && (
              <span className="ok-text small" role="status">
                Submitted at {new Date(savedAt).toLocaleTimeString()}.
              </span>
            )}
          </div>
        )}
        <ErrorMessage error={saveError} title="Could not submit the postmortem" />
      </form>
    </section>
  );
}
