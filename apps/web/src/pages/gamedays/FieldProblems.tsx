import type { Problem } from '../../api/index.js';

/**
 * What is wrong with one field, right under it (`id` is the field's aria-describedby), and an
 * optional hint. Announced politely: it appears after a submit, not while typing.
 */
export function FieldProblems({ id, problems, hint }: { id: string; problems: readonly Problem[]; hint?: string | undefined }) {
  return (
    <div id={id} className="small" aria-live="polite">
      {problems.map((problem) => (
        <div key={`${problem.field}:${problem.message}`} className="danger-text">
          {problem.message}
        </div>
      ))}
      {hint && <div className="muted">{hint}</div>}
    </div>
  );
}
