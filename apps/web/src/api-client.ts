/** The one typed client the UI uses for the API; failures become readable messages. */
export interface ReplicaView {
  id: string;
  port: number;
  pid: number | null;
  restarts: number;
  state: string;
  healthy: boolean;
}

export interface FaultView {
  id: string;
  kind: string;
  target: { service: string; dependency?: string };
  state: string;
  createdAt: string;
  endsAt: string | null;
}

export interface StackView {
  id: string;
  createdAt: string;
  gatewayUrl: string;
  services: Array<{ name: string; replicas: ReplicaView[] }>;
  faults: FaultView[];
  load: { targetRps: number; sent: number; ok: number; serverErrors: number; networkErrors: number; latencyMs: { p50: number | null; p95: number | null } };
}

export class ApiError extends Error {}

export function tokenFromLocation(storage: Storage, location: Location): string | null {
  const match = /token=([^&]+)/.exec(location.hash);
  if (match) {
    storage.setItem('firedrill-token', decodeURIComponent(match[1]!));
    history.replaceState(null, '', location.pathname);
  }
  return storage.getItem('firedrill-token');
}

export class ApiClient {
  constructor(private readonly token: string | null) {}

  health(): Promise<{ status: string; stacks: number }> {
    return this.call('GET', '/api/health');
  }

  stacks(): Promise<StackView[]> {
    return this.call('GET', '/api/stacks');
  }

  createStack(loadRps: number): Promise<StackView> {
    return this.call('POST', '/api/stacks', { loadRps });
  }

  deleteStack(id: string): Promise<unknown> {
    return this.call('DELETE', `/api/stacks/${encodeURIComponent(id)}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: {
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError('The Firedrill API cannot be reached. Is `npm start` still running?');
    }
    const payload = (await response.json().catch(() => ({}))) as { message?: string };
    if (!response.ok) {
      if (response.status === 401) throw new ApiError('Not signed in: open the link that `npm start` printed (it carries your token).');
      throw new ApiError(payload.message ?? `${method} ${path} failed with ${response.status}`);
    }
    return payload as T;
  }
}
