import type { Scenario } from '@firedrill/scenarios';
import type { GateEvent } from './expectations.js';

/** The API answered with an error status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The API could not be reached at all (refused, timed out, not an HTTP server). */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

export interface DrillImpactView {
  t0: number | null;
  now: number | null;
  measuredTo: number | null;
  errorBudgetBurned: number | null;
  requestsFailed: number | null;
}

export interface JoinLinkView {
  name: string;
  role: string;
  token: string;
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The gate speaks to Firedrill over HTTP only, as any other client would: the same code runs
 * against an API it booted in-process and a remote one. Every request is bounded in time.
 */
export class GateClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  scenario(id: string): Promise<{ scenario: Scenario }> {
    return this.call('GET', `/api/scenarios/${encodeURIComponent(id)}`);
  }

  uploadScenario(file: string, yaml: string, runbook: string): Promise<{ id: string; replaced: boolean }> {
    return this.call('POST', '/api/scenarios', { file, yaml, runbook });
  }

  createDrill(scenario: string, speed: number, responder: string): Promise<{ id: string; joinLinks: JoinLinkView[] }> {
    return this.call('POST', '/api/drills', { scenario, speed, responders: [responder], origin: 'gate' });
  }

  startDrill(id: string): Promise<{ state: string; stackId: string | null }> {
    return this.call('POST', `/api/drills/${id}/start`);
  }

  drill(id: string): Promise<{ state: string; stackId: string | null }> {
    return this.call('GET', `/api/drills/${id}`);
  }

  async timeline(id: string): Promise<GateEvent[]> {
    return (await this.call<{ events: GateEvent[] }>('GET', `/api/drills/${id}/timeline`)).events;
  }

  impact(id: string): Promise<DrillImpactView> {
    return this.call('GET', `/api/drills/${id}/impact`);
  }

  /** A responder action with the robot's own join-link token, so the timeline names the robot. */
  act(id: string, token: string, action: { action: string; service?: string; params: Record<string, unknown> }): Promise<{ result?: string }> {
    return this.call('POST', `/api/drills/${id}/actions`, action, token);
  }

  abort(id: string, reason: string): Promise<{ state: string }> {
    return this.call('POST', `/api/drills/${id}/abort`, { reason });
  }

  private async call<T>(method: string, path: string, body?: unknown, token = this.token): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new UnreachableError(`cannot reach the Firedrill API at ${this.baseUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new UnreachableError(`${this.baseUrl} does not answer like a Firedrill API (${method} ${path}: HTTP ${response.status}, not JSON)`);
    }
    if (!response.ok) {
      const error = (parsed ?? {}) as { message?: string; problems?: Array<{ field: string; message: string }> };
      throw new ApiError(response.status, `${method} ${path}: ${response.status} ${error.message ?? response.statusText}`, error.problems ?? []);
    }
    return parsed as T;
  }
}
