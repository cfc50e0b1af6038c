import type { z } from 'zod';

/** Every error the API answers with, and its HTTP status. Errors are data: name, status, message. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  fault_failed: 502,
  action_failed: 502,
  stack_failed: 502,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface Problem {
  /** Dotted path of the offending field in the request, e.g. `params.delayMs`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static invalid(problems: Problem[], prefix = 'invalid request'): AppError {
    const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    return new AppError('invalid_request', `${prefix}: ${summary}`, problems);
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} not found`);
  }
}

export function problemsFrom(error: z.ZodError, prefix: string[] = []): Problem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
    return {
      field: unknownKeys ? [...path, unknownKeys.join(',')].join('.') : path.join('.') || '(body)',
      message: issue.message,
    };
  });
}

/** Parses `input` with `schema`, or throws a 400 naming every offending field under `prefix`. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, prefix: string[] = []): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw AppError.invalid(problemsFrom(result.error, prefix));
}
