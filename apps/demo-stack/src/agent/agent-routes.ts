import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { readJson, type HandlerResult } from '../http/router.js';
import { AgentError, type ChaosAgent } from './chaos-agent.js';
import { AGENT_OPERATIONS, AgentApplySchema, AgentOperationInputSchema, ServiceConfigSchema, UpstreamsSchema, type AgentOperation } from './protocol.js';
import { ControlError, type ReplicaControl } from './replica-control.js';

const FAULT_PATH = /^\/faults\/([A-Za-z0-9_.:-]{1,128})$/;
const OPERATION_PATH = /^\/ops\/([a-z-]{1,64})$/;

/**
 * The agent's control API, below /__firedrill:
 *   GET /faults · PUT /faults/:id {fault, leaseMs} (apply or renew) · DELETE /faults/:id · DELETE /faults
 *   GET /config · PATCH /config
 *   GET /upstreams · PUT /upstreams {upstreams: {service: [url, …]}}
 *   POST /ops/:op (cache-flush, cache-warm, pool-kill-queries, cache-eviction-policy {policy})
 */
export async function handleAgentRequest(agent: ChaosAgent, control: ReplicaControl, req: IncomingMessage, path: string): Promise<HandlerResult> {
  const method = req.method ?? 'GET';
  try {
    if (path === '/faults' && method === 'GET') return { status: 200, body: { faults: agent.list() } };
    if (path === '/faults' && method === 'DELETE') return { status: 200, body: { reverted: await agent.revertAll() } };
    const faultId = FAULT_PATH.exec(path)?.[1];
    if (faultId && method === 'PUT') {
      const request = parse(AgentApplySchema, await readJson(req));
      const { status, renewed } = await agent.apply(faultId, request.fault, request.leaseMs);
      return { status: renewed ? 200 : 201, body: { ...status, renewed } };
    }
    if (faultId && method === 'DELETE') return { status: 200, body: { id: faultId, reverted: await agent.revert(faultId) } };
    if (path === '/config' && method === 'GET') return { status: 200, body: control.currentConfig() };
    if (path === '/config' && method === 'PATCH') {
      return { status: 200, body: control.updateConfig(parse(ServiceConfigSchema, await readJson(req))) };
    }
    if (path === '/upstreams' && method === 'GET') return { status: 200, body: { upstreams: control.upstreams() } };
    if (path === '/upstreams' && method === 'PUT') {
      const { upstreams } = parse(UpstreamsSchema, await readJson(req));
      return { status: 200, body: { upstreams: await control.setUpstreams(upstreams) } };
    }
    const op = OPERATION_PATH.exec(path)?.[1];
    if (op && method === 'POST') {
      if (!(AGENT_OPERATIONS as readonly string[]).includes(op)) {
        return { status: 404, body: { error: `unknown operation "${op}"; known: ${AGENT_OPERATIONS.join(', ')}` } };
      }
      const input = parse(AgentOperationInputSchema, (await readJson(req)) ?? {});
      return { status: 200, body: await control.operate(op as AgentOperation, input) };
    }
    return { status: 404, body: { error: `no agent route for ${method} ${path}` } };
  } catch (error) {
    if (error instanceof AgentError || error instanceof ControlError) return { status: error.status, body: { error: error.message } };
    throw error;
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  throw new AgentError(400, `invalid agent request: ${problems.join('; ')}`);
}
