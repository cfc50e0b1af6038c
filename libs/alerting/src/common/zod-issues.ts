import type { z } from 'zod';

/** Thrown when a spec or payload fails validation; `problems` names every offending field. */
export class ValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid ${subject}: ${problems.join('; ')}`);
    this.name = 'ValidationError';
  }
}

/** `route.routes[0].matchers[1]`: the dotted path a person would look for in their YAML. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
}

/** Validates with `schema`, throwing a ValidationError that lists every problem with its field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(subject, describeIssues(result.error));
  return result.data;
}
