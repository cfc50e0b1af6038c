/**
 * The "inject a fault" form: kinds with example params, and the parse from form text to the body
 * of `POST /api/stacks/:stackId/faults`. The API validates the kind's params (and answers
 * `problems`); here we only catch what the form itself gets wrong, with the same field names.
 */
export interface FaultKindOption {
  kind: string;
  summary: string;
  /** Pre-filled params JSON. */
  example: Record<string, unknown>;
  takesDependency?: boolean;
}

export const FAULT_KIND_OPTIONS: FaultKindOption[] = [
  { kind: 'latency', summary: 'Adds delay to a service, or to its calls to one dependency.', example: { delayMs: 800, jitterMs: 100, percent: 100 }, takesDependency: true },
  { kind: 'error', summary: 'Answers a share of requests with an error status.', example: { status: 500, percent: 20 } },
  { kind: 'pod-kill', summary: 'Kills replicas (optionally crash-looping).', example: { count: 1, crashLoop: false } },
  { kind: 'pool-exhaustion', summary: 'Starves the database pool: slow queries, leaks or a shrunken pool.', example: { mode: 'slow-queries', queryMs: 30000 } },
  { kind: 'cache-stampede', summary: 'Hot keys expire together, sending bursts of misses to the database.', example: { periodMs: 2000 } },
  { kind: 'cache-eviction', summary: 'The cache runs out of memory and evicts entries.', example: { capacity: 5 } },
  { kind: 'memory-leak', summary: 'Each replica leaks memory until restarted.', example: { mbPerMinute: 50, capMb: 256 } },
  { kind: 'scrape-block', summary: 'The service’s /metrics becomes unreachable.', example: { mode: 'reset' } },
];

export const SERVICES = ['gateway', 'catalog', 'checkout', 'payments'] as const;

export interface FaultFormInput {
  kind: string;
  service: string;
  dependency: string;
  paramsText: string;
  /** Empty: until reverted (or the drill ends). */
  durationSeconds: string;
}

export interface FaultBody {
  kind: string;
  target: { service: string; dependency?: string };
  params: Record<string, unknown>;
  durationSeconds?: number;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export type FaultFormResult = { ok: true; body: FaultBody } | { ok: false; problems: FieldProblem[] };

export function parseFaultForm(input: FaultFormInput): FaultFormResult {
  const problems: FieldProblem[] = [];
  const option = FAULT_KIND_OPTIONS.find((candidate) => candidate.kind === input.kind);
  if (!option) problems.push({ field: 'kind', message: `choose a fault kind (${FAULT_KIND_OPTIONS.map((o) => o.kind).join(', ')})` });
  if (!input.service.trim()) problems.push({ field: 'target.service', message: 'choose the service to break' });
  let params: Record<string, unknown> = {};
  const text = input.paramsText.trim();
  if (text !== '') {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) problems.push({ field: 'params', message: 'must be a JSON object such as {"delayMs": 500}' });
      else params = parsed as Record<string, unknown>;
    } catch (error) {
      problems.push({ field: 'params', message: `not valid JSON: ${(error as Error).message}` });
    }
  }
  let durationSeconds: number | undefined;
  if (input.durationSeconds.trim() !== '') {
    durationSeconds = Number(input.durationSeconds);
    if (!Number.isFinite(durationSeconds) || durationSeconds <= 0 || durationSeconds > 86_400) problems.push({ field: 'durationSeconds', message: 'a number of seconds between 1 and 86400, or empty to keep it until the drill ends' });
  }
  if (problems.length > 0) return { ok: false, problems };
  const target: FaultBody['target'] = { service: input.service.trim() };
  if (option?.takesDependency && input.dependency.trim()) target.dependency = input.dependency.trim();
  return { ok: true, body: { kind: input.kind, target, params, ...(durationSeconds === undefined ? {} : { durationSeconds }) } };
}

/** The problems of one form field (the API's `params.delayMs` belongs to the params box). */
export function problemsFor(problems: readonly FieldProblem[], field: string): string[] {
  return problems.filter((problem) => problem.field === field || problem.field.startsWith(`${field}.`)).map((problem) => (problem.field === field ? problem.message : `${problem.field}: ${problem.message}`));
}
