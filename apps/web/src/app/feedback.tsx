import type { ReactNode } from 'react';
import { ApiError, UNAUTHORISED } from '../api/index.js';

/** A polite busy indicator; `label` says what is loading. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** An empty state: what is missing and, as children, what to do about it. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}

/** A failure, readable: the API's message, the fields it names, and a retry when one is offered. */
export function ErrorMessage({ error, retry, title }: { error: unknown; retry?: () => void; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const problems = error instanceof ApiError ? error.problems : [];
  const expired = error instanceof ApiError && message === UNAUTHORISED;
  return (
    <div className="error-message" role="alert">
      {title && <strong>{title}: </strong>}
      <span>{message}</span>
      {problems.length > 1 && (
        <ul>
          {problems.map((problem) => (
            <li key={`${problem.field}:${problem.message}`}>
              <code>{problem.field}</code> {problem.message}
            </li>
          ))}
        </ul>
      )}
      {retry && !expired && (
        <button type="button" className="button small" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
