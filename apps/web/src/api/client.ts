import { currentSession } from './session.js';
import type {
  AlertsResponse,
  AlertTransitionView,
  CreateDrillRequest,
  CreatedDrill,
  DrillEvent,
  DrillState,
  DrillView,
  PostmortemView,
  ScenarioDetail,
  ScenarioSummary,
  ScoreView,
  StackView,
} from './types.js';
import type { GameDayInput, GameDayReport, GameDayRunSummary, GameDayRunView, GameDaySchedule, GameDayView, Scoreboard, ScoreboardQuery } from './gameday-types.js';

export interface Problem {
  field: string;
  message: string;
}

/** Every failed call becomes one of these, with a message a person can act on. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the API could not be reached. */
    readonly status: number,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const UNREACHABLE = 'cannot reach the Firedrill API — is it still running?';
export const UNAUTHORISED = 'your link has expired or is wrong — open the link you were given again';

/**
 * The readable message for a failed response: the API's `{message, problems}`, Prometheus's
 * `{error}`, or the status line. Problems are spelled out because the message may only summarise.
 */
export function errorFromResponse(status: number, body: unknown, what: string): ApiError {
  if (status === 401) return new ApiError(UNAUTHORISED, status);
  const payload = (typeof body === 'object' && body !== null ? body : {}) as { message?: unknown; error?: unknown; problems?: unknown };
  const problems = Array.isArray(payload.problems) ? (payload.problems as Problem[]).filter((p) => p && typeof p.field === 'string') : [];
  let message = typeof payload.message === 'string' ? payload.message : typeof payload.error === 'string' ? payload.error : typeof body === 'string' && body.trim() ? body.trim() : '';
  if (!message && problems.length > 0) message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  if (!message) message = `${what} failed (HTTP ${status})`;
  if (status === 403 && !/forbidden|may not|cannot|belongs/i.test(message)) message = `not allowed: ${message}`;
  return new ApiError(message, status, problems);
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra headers (e.g. `accept: text/markdown`). */
  headers?: Record<string, string>;
}

/** Query string from an object, skipping undefined, null and empty values. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

const enc = encodeURIComponent;

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The file name of `content-disposition: attachment; filename="x.csv"` (or `filename*=UTF-8''x.csv`). */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  // Only a base name: a server never gets to pick a folder.
  return name ? name.split(/[\\/]/).pop() || null : null;
}

/** The one typed client for the Firedrill API (same origin; bearer token from the session). */
export class ApiClient {
  constructor(private readonly token: () => string | null = () => currentSession().token) {}

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body ?? {}, options);
  }

  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, body ?? {}, options);
  }

  delete<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  async request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, body, options);
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    let payload: unknown = text;
    if (isJson && text) {
      try {
        payload = JSON.parse(text);
      } catch {
        payload = text;
      }
    }
    if (!response.ok) throw errorFromResponse(response.status, payload, `${method} ${path}`);
    return payload as T;
  }

  /**
   * A file the API serves (an export) as a Blob. A plain link could not carry the bearer token,
   * so the page fetches it and hands the Blob to the browser to save.
   */
  async download(path: string, fallbackName: string, options: RequestOptions = {}): Promise<DownloadedFile> {
    const response = await this.send('GET', path, undefined, options);
    if (!response.ok) {
      const text = await response.text();
      let payload: unknown = text;
      try {
        payload = JSON.parse(text);
      } catch {
        // not JSON: the text is the message
      }
      throw errorFromResponse(response.status, payload, `GET ${path}`);
    }
    const blob = await response.blob();
    return { blob, filename: filenameFromDisposition(response.headers.get('content-disposition')) ?? fallbackName };
  }

  private async send(method: Method, path: string, body: unknown, options: RequestOptions): Promise<Response> {
    const token = this.token();
    try {
      return await fetch(path, {
        method,
        signal: options.signal,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (failure) {
      if ((failure as Error).name === 'AbortError') throw failure;
      throw new ApiError(UNREACHABLE, 0);
    }
  }

  // ---- domain helpers (thin: they only name the routes and their shapes) ----

  health = () => this.get<{ status: string; startedAt: string; stacks: number }>('/api/health');

  stacks = () => this.get<StackView[]>('/api/stacks');
  createStack = (loadRps: number) => this.post<StackView>('/api/stacks', { loadRps });
  deleteStack = (id: string) => this.delete<unknown>(`/api/stacks/${enc(id)}`);
  alerts = (stackId: string) => this.get<AlertsResponse>(`/api/stacks/${enc(stackId)}/alerts`);
  alertHistory = (stackId: string) => this.get<{ transitions: AlertTransitionView[] }>(`/api/stacks/${enc(stackId)}/alerts/history`);

  scenarios = () => this.get<{ scenarios: ScenarioSummary[] }>('/api/scenarios').then((r) => r.scenarios);
  scenario = (id: string) => this.get<ScenarioDetail>(`/api/scenarios/${enc(id)}`);

  drills = (params: { state?: DrillState; limit?: number } = {}) => this.get<{ drills: DrillView[] }>(`/api/drills${queryString(params)}`).then((r) => r.drills);
  drill = (id: string, options?: RequestOptions) => this.get<DrillView>(`/api/drills/${enc(id)}`, options);
  timeline = (id: string, options?: RequestOptions) => this.get<{ events: DrillEvent[] }>(`/api/drills/${enc(id)}/timeline`, options).then((r) => r.events);
  createDrill = (request: CreateDrillRequest) => this.post<CreatedDrill>('/api/drills', request);
  startDrill = (id: string) => this.post<DrillView>(`/api/drills/${enc(id)}/start`);
  abortDrill = (id: string, reason?: string) => this.post<DrillView>(`/api/drills/${enc(id)}/abort`, reason ? { reason } : {});
  score = (id: string) => this.get<ScoreView>(`/api/drills/${enc(id)}/score`);
  rescore = (id: string) => this.post<DrillView>(`/api/drills/${enc(id)}/rescore`);
  postmortem = (id: string) => this.get<PostmortemView>(`/api/drills/${enc(id)}/postmortem`);
  submitPostmortem = (id: string, markdown: string) => this.put<PostmortemView>(`/api/drills/${enc(id)}/postmortem`, { markdown });

  gameDays = (options?: RequestOptions) => this.get<GameDayView[]>('/api/gamedays', options);
  gameDay = (id: string, options?: RequestOptions) => this.get<GameDayView>(`/api/gamedays/${enc(id)}`, options);
  createGameDay = (input: GameDayInput) => this.post<GameDayView>('/api/gamedays', input);
  updateGameDay = (id: string, input: GameDayInput) => this.put<GameDayView>(`/api/gamedays/${enc(id)}`, input);
  deleteGameDay = (id: string) => this.delete<unknown>(`/api/gamedays/${enc(id)}`);
  runGameDayNow = (id: string) => this.post<GameDayRunView>(`/api/gamedays/${enc(id)}/run-now`);
  gameDayRuns = (id: string, options?: RequestOptions) => this.get<GameDayRunSummary[]>(`/api/gamedays/${enc(id)}/runs`, options);
  gameDayRun = (id: string, runId: string, options?: RequestOptions) => this.get<GameDayRunView>(`/api/gamedays/${enc(id)}/runs/${enc(runId)}`, options);
  gameDayReport = (id: string, runId: string, options?: RequestOptions) => this.get<GameDayReport>(`/api/gamedays/${enc(id)}/runs/${enc(runId)}/report`, options);
  schedulePreview = (schedule: GameDaySchedule, options?: RequestOptions) =>
    this.post<{ occurrences: string[] }>('/api/gamedays/schedule-preview', { schedule }, options).then((r) => r.occurrences);

  scoreboard = (query: ScoreboardQuery, options?: RequestOptions) => this.get<Scoreboard>(`/api/scoreboard${queryString({ ...query })}`, options);
  exportScoreboard = (query: ScoreboardQuery, format: 'csv' | 'json') =>
    this.download(`/api/scoreboard${queryString({ ...query, format })}`, `firedrill-scoreboard.${format}`);
}

export const api = new ApiClient();
