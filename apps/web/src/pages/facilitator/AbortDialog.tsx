import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/index.js';
import { ErrorMessage } from '../../app/feedback.js';

/** Abort with a reason, behind a confirmation: it reverts the faults and removes the stack. */
export function AbortButton({ drillId, disabled, onAborted }: { drillId: string; disabled: boolean; onAborted: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await api.abortDrill(drillId, reason.trim() || undefined);
      dialog.current?.close();
      onAborted();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button danger" disabled={disabled} onClick={() => dialog.current?.showModal()}>
        Abort…
      </button>
      <dialog ref={dialog} aria-labelledby="abort-title">
        <form className="form" onSubmit={confirm}>
          <h2 id="abort-title">Abort this drill?</h2>
          <p>Its faults are reverted and its stack removed. It will not be scored. This cannot be undone.</p>
          <div className="field">
            <label htmlFor="abort-reason">Reason</label>
            <textarea id="abort-reason" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} placeholder="e.g. the team had to leave for a real incident" autoFocus />
          </div>
          <ErrorMessage error={failure} title="Could not abort" />
          <div className="button-row">
            <button type="submit" className="button danger" disabled={busy}>
              {busy ? 'Aborting…' : 'Abort the drill'}
            </button>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Keep it running
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
