import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/index.js';

interface TextFormProps {
  label: string;
  help: string;
  button: string;
  /** POST path under the drill, and the body's field. */
  path: string;
  field: 'text' | 'summary';
  drillId: string;
  enabled: boolean;
  rows?: number;
  sentMessage: string;
}

/** One free-text report to the drill (diagnosis, status update, declaration): sent, then cleared. */
function TextForm({ label, help, button, path, field, drillId, enabled, rows = 3, sentMessage }: TextFormProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(`Write the ${label.toLowerCase()} first.`);
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.post(`/api/drills/${encodeURIComponent(drillId)}/${path}`, { [field]: text.trim() });
      setSent(sentMessage);
      setText('');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="form report-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea id={id} rows={rows} value={text} aria-describedby={`${id}-help`} onChange={(event) => (setText(event.target.value), setSent(null))} disabled={!enabled} />
        <span id={`${id}-help`} className="muted small">
          {help}
        </span>
      </div>
      <div className="form-footer">
        <button type="submit" className="button" disabled={!enabled || sending}>
          {sending ? 'Sending…' : button}
        </button>
        <span aria-live="polite" className="ok-text small">
          {sent}
        </span>
      </div>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export interface ReportFormsProps {
  drillId: string;
  enabled: boolean;
  /** Before any page: a responder who notices first declares the incident (detected by a human). */
  canDeclare: boolean;
}

/** What the responder tells the team: a declaration, the diagnosis, status updates. */
export function ReportForms({ drillId, enabled, canDeclare }: ReportFormsProps) {
  return (
    <div className="report-forms">
      {canDeclare && (
        <TextForm
          drillId={drillId}
          enabled={enabled}
          path="declare"
          field="summary"
          label="Declare an incident"
          help="Seen something before any alert fired? Declaring starts the response now."
          button="Declare incident"
          rows={2}
          sentMessage="Incident declared."
        />
      )}
      <TextForm
        drillId={drillId}
        enabled={enabled}
        path="diagnosis"
        field="text"
        label="Diagnosis"
        help="What is the root cause? Say what fails and why. You will not be told here whether it is right."
        button="Submit diagnosis"
        sentMessage="Diagnosis recorded."
      />
      <TextForm
        drillId={drillId}
        enabled={enabled}
        path="status-updates"
        field="text"
        label="Status update"
        help="For the people waiting on you: impact, what you are doing, when you will update next."
        button="Post status update"
        sentMessage="Status update posted."
      />
    </div>
  );
}
