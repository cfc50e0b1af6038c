import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ServiceName } from '@firedrill/scenarios';
import { AppError } from '../common/errors.js';
import { AgentCallError, AgentClient } from '../faults/agent-client.js';
import { StackRegistry } from '../stacks/stack-registry.js';
import { parseActionRequest } from './action-request.js';
import type { RollbackPort } from './responder-action.js';

export interface ActionExecutionContext {
  /** The drill engine's rollback; without it, `rollback` answers 409 (no release to roll back). */
  rollback?: RollbackPort;
}

/** What an action did: the normalised request (as action matchers see it) and its result. */
export interface ActionOutcome {
  action: string;
  service: ServiceName;
  /** The action's parameters without `service`, e.g. `{key: 'pool.max', value: 30}`. */
  params: Record<string, unknown>;
  result: string;
}

/**
 * Runs responder actions of the allow-list against a stack. Validation errors (400) change
 * nothing; an action that fails on the stack answers 502 (action_failed) or 409 (conflict).
 */
@Injectable()
export class ActionsService implements OnApplicationShutdown {
  private readonly logger = new Logger('actions');
  private readonly agents = new AgentClient();

  constructor(private readonly stacks: StackRegistry) {}

  async execute(stackId: string, body: unknown, context: ActionExecutionContext = {}): Promise<ActionOutcome> {
    const stack = this.stacks.get(stackId);
    const request = parseActionRequest(body);
    const name = request.action.name;
    try {
      const { result } = await request.action.execute({ stack, agents: this.agents, rollback: context.rollback }, request.parsed);
      this.logger.log(`stack ${stackId}: ${name} ${request.service}: ${result}`);
      return { action: name, service: request.service, params: request.params, result };
    } catch (error) {
      if (error instanceof AppError) throw error;
      const message = error instanceof AgentCallError || error instanceof Error ? error.message : String(error);
      throw new AppError('action_failed', `${name} on ${request.service} failed: ${message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agents.close();
  }
}
