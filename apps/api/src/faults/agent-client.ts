import {
  AGENT_PATH,
  AGENT_TOKEN_HEADER,
  type AgentFault,
  type AgentOperation,
  type AgentOperationInput,
  type AgentOperationResult,
  type ServiceConfigPatch,
} from '@firedrill/demo-stack/protocol';
import { Agent, request } from 'undici';

export interface AgentAddress {
  url: string;
  token: string;
}

export class AgentCallError extends Error {}

/** Talks to the chaos agent inside a replica. Calls are short and bounded: a dead replica fails fast. */
export class AgentClient {
  private readonly dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 16 });

  constructor(private readonly timeoutMs = 2000) {}

  async apply(agent: AgentAddress, faultId: string, fault: AgentFault, leaseMs: number): Promise<void> {
    await this.call(agent, 'PUT', `/faults/${encodeURIComponent(faultId)}`, { fault, leaseMs: Math.max(50, Math.round(leaseMs)) });
  }

  async revert(agent: AgentAddress, faultId: string): Promise<void> {
    await this.call(agent, 'DELETE', `/faults/${encodeURIComponent(faultId)}`);
  }

  async revertAll(agent: AgentAddress): Promise<void> {
    await this.call(agent, 'DELETE', '/faults');
  }

  async list(agent: AgentAddress): Promise<Array<{ id: string; kind: string; expiresAt: number }>> {
    const body = (await this.call(agent, 'GET', '/faults')) as { faults: Array<{ id: string; kind: string; expiresAt: number }> };
    return body.faults;
  }

  /** Changes the replica's run-time settings; answers the settings now in force. */
  async patchConfig(agent: AgentAddress, patch: ServiceConfigPatch): Promise<unknown> {
    return this.call(agent, 'PATCH', '/config', patch);
  }

  /** Replaces the replica lists of the downstream services the replica calls. */
  async setUpstreams(agent: AgentAddress, upstreams: Record<string, string[]>): Promise<void> {
    await this.call(agent, 'PUT', '/upstreams', { upstreams });
  }

  async operate(agent: AgentAddress, op: AgentOperation, input?: AgentOperationInput): Promise<AgentOperationResult> {
    return (await this.call(agent, 'POST', `/ops/${op}`, input)) as AgentOperationResult;
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async call(agent: AgentAddress, method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    let response;
    try {
      response = await request(`${agent.url}${AGENT_PATH}${path}`, {
        method,
        dispatcher: this.dispatcher,
        headers: { [AGENT_TOKEN_HEADER]: agent.token, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
    } catch (error) {
      throw new AgentCallError(`chaos agent at ${agent.url} unreachable: ${(error as Error).message}`);
    }
    const text = await response.body.text();
    const parsed = text ? (JSON.parse(text) as { error?: string }) : {};
    if (response.statusCode >= 400) {
      throw new AgentCallError(`chaos agent at ${agent.url} refused (${response.statusCode}): ${parsed.error ?? text}`);
    }
    return parsed;
  }
}
