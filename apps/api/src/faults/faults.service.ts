import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { TimerHandle } from '@firedrill/clock';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../common/errors.js';
import { APP_OPTIONS, type AppOptions } from '../config/app-options.js';
import type { Stack } from '../stacks/stack.js';
import { StackRegistry } from '../stacks/stack-registry.js';
import { FaultLedger } from '../store/fault-ledger.js';
import { AgentClient } from './agent-client.js';
import type { FaultContext, FaultKind, FaultRecord, FaultTarget, InstanceFaultStatus } from './fault-kind.js';
import { parseFaultRequest } from './fault-request.js';

export type FaultState = 'active' | 'reverted' | 'completed' | 'failed';

export interface FaultView {
  id: string;
  stackId: string;
  kind: string;
  target: FaultTarget;
  params: Record<string, unknown>;
  state: FaultState;
  createdAt: string;
  /** When the fault reverts by itself (durationSeconds), in stack-clock time. */
  endsAt: string | null;
  leaseSeconds: number;
  /** When the fault lapses inside the replicas if it is not renewed again, in stack-clock time. */
  leaseExpiresAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  /** The last renewal or revert problem; the fault carries on (health, not failure). */
  lastError: string | null;
  instances?: InstanceFaultStatus[];
}

interface TrackedFault {
  readonly record: FaultRecord;
  readonly kind: FaultKind<any>;
  readonly stack: Stack;
  readonly createdAt: number;
  readonly endsAt: number | null;
  state: FaultState;
  leaseExpiresAt: number | null;
  endedAt: number | null;
  endReason: string | null;
  lastError: string | null;
  renewTimer?: TimerHandle;
  durationTimer?: TimerHandle;
  ending?: Promise<void>;
}

const HISTORY_PER_STACK = 200;

/**
 * The fault engine: validates, writes the ledger, injects, keeps leases renewed, reverts on
 * request, at the end of the duration, on reset and on shutdown.
 */
@Injectable()
export class FaultsService implements OnApplicationShutdown {
  private readonly logger = new Logger('faults');
  private readonly faults = new Map<string, TrackedFault>();
  private readonly agents = new AgentClient();
  private readonly ledger: FaultLedger;

  constructor(
    @Inject(APP_OPTIONS) options: AppOptions,
    private readonly stacks: StackRegistry,
  ) {
    this.ledger = new FaultLedger(join(options.dataDir, 'fault-ledger.jsonl'));
  }

  /** Re-applies the stack's active faults to replicas as they (re)start. */
  attach(stack: Stack): void {
    stack.target.onInstanceReady((instance) => {
      for (const fault of this.activeOf(stack.id)) {
        if (fault.record.target.service !== instance.service || !fault.kind.onInstanceReady) continue;
        fault.kind.onInstanceReady(this.context(fault), fault.record, instance.id).catch((error: Error) => {
          fault.lastError = `re-applying to ${instance.id}: ${error.message}`;
        });
      }
    });
  }

  async create(stackId: string, body: unknown): Promise<FaultView> {
    const stack = this.stacks.get(stackId);
    const request = parseFaultRequest(body, stack.profile);
    const now = stack.clock.now();
    const fault: TrackedFault = {
      record: {
        id: `flt-${randomBytes(6).toString('hex')}`,
        stackId,
        kind: request.kind.kind,
        target: request.target,
        params: request.params,
        leaseMs: request.leaseMs,
      },
      kind: request.kind,
      stack,
      createdAt: now,
      endsAt: request.durationMs === undefined ? null : now + request.durationMs,
      state: 'active',
      leaseExpiresAt: now + request.leaseMs,
      endedAt: null,
      endReason: null,
      lastError: null,
    };
    // The ledger entry is on disk before anything touches the stack: a crash from here on leaves
    // a record that the next start-up reverts.
    this.ledger.append({
      type: 'applied',
      faultId: fault.record.id,
      stackId,
      kind: fault.record.kind,
      agents: stack.target.instances(request.target.service).map((instance) => ({ url: instance.url, token: stack.target.agentToken })),
      at: Date.now(),
    });
    this.remember(fault);
    try {
      await fault.kind.inject(this.context(fault), fault.record);
    } catch (error) {
      const message = (error as Error).message;
      await this.end(fault, 'failed', `could not apply: ${message}`);
      fault.lastError = message;
      throw new AppError('fault_failed', `fault could not be applied: ${message}`);
    }
    this.scheduleRenewal(fault);
    if (request.durationMs !== undefined) {
      fault.durationTimer = stack.clock.setTimeout(() => void this.end(fault, 'completed', 'duration elapsed'), request.durationMs);
    }
    this.logger.log(`fault ${fault.record.id} (${fault.record.kind} on ${stackId}/${fault.record.target.service}) applied`);
    return this.view(fault);
  }

  list(stackId: string): FaultView[] {
    this.stacks.get(stackId);
    return [...this.faults.values()].filter((fault) => fault.record.stackId === stackId).map((fault) => this.view(fault));
  }

  activeViews(stackId: string): FaultView[] {
    return this.activeOf(stackId).map((fault) => this.view(fault));
  }

  /** Active faults of every stack by kind (for Firedrill's own /metrics). */
  activeCountByKind(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const fault of this.faults.values()) {
      if (fault.state === 'active') counts.set(fault.record.kind, (counts.get(fault.record.kind) ?? 0) + 1);
    }
    return counts;
  }

  async get(stackId: string, faultId: string): Promise<FaultView> {
    const fault = this.find(stackId, faultId);
    const instances = fault.state === 'active' ? await fault.kind.status(this.context(fault), fault.record) : undefined;
    return { ...this.view(fault), ...(instances ? { instances } : {}) };
  }

  async revert(stackId: string, faultId: string): Promise<FaultView> {
    const fault = this.find(stackId, faultId);
    await this.end(fault, 'reverted', 'reverted on request');
    return this.view(fault);
  }

  /** Reverts every fault of the stack and clears anything any agent in it still holds. */
  async reset(stackId: string, reason = 'reset'): Promise<{ reverted: string[] }> {
    const stack = this.stacks.get(stackId);
    const active = this.activeOf(stackId);
    await Promise.all(active.map((fault) => this.end(fault, 'reverted', reason)));
    const token = stack.target.agentToken;
    await Promise.allSettled(
      stack.target
        .instances()
        .filter((instance) => instance.state === 'running')
        .map((instance) => this.agents.revertAll({ url: instance.url, token })),
    );
    return { reverted: active.map((fault) => fault.record.id) };
  }

  forget(stackId: string): void {
    for (const [id, fault] of this.faults) if (fault.record.stackId === stackId) this.faults.delete(id);
  }

  /**
   * Takes back faults that a previous process applied and never reverted (it crashed). The
   * replicas' own leases would end them too; this makes it immediate when they are still alive.
   */
  async revertLeftovers(): Promise<number> {
    const leftovers = this.ledger.openFaults();
    for (const leftover of leftovers) {
      await Promise.allSettled(leftover.agents.map((agent) => this.agents.revert(agent, leftover.faultId)));
      this.ledger.append({ type: 'reverted', faultId: leftover.faultId, reason: 'leftover of a previous run', at: Date.now() });
    }
    this.ledger.compact();
    if (leftovers.length > 0) this.logger.warn(`reverted ${leftovers.length} fault(s) left over by a previous run`);
    return leftovers.length;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agents.close();
    this.ledger.close();
  }

  private async end(fault: TrackedFault, state: FaultState, reason: string): Promise<void> {
    if (fault.ending) return fault.ending;
    if (fault.state !== 'active') return;
    fault.ending = (async () => {
      fault.stack.clock.clearTimeout(fault.renewTimer);
      fault.stack.clock.clearTimeout(fault.durationTimer);
      try {
        await fault.kind.revert(this.context(fault), fault.record);
      } catch (error) {
        // The replicas' leases still end the fault; record why the immediate revert did not.
        fault.lastError = `revert: ${(error as Error).message}`;
      }
      fault.state = state;
      fault.endedAt = fault.stack.clock.now();
      fault.endReason = reason;
      fault.leaseExpiresAt = null;
      this.ledger.append({ type: 'reverted', faultId: fault.record.id, reason, at: Date.now() });
      this.logger.log(`fault ${fault.record.id} ended: ${reason}`);
    })();
    return fault.ending;
  }

  private scheduleRenewal(fault: TrackedFault): void {
    const { clock } = fault.stack;
    fault.renewTimer = clock.setTimeout(async () => {
      if (fault.state !== 'active' || fault.ending) return;
      try {
        await fault.kind.renew(this.context(fault), fault.record);
        fault.leaseExpiresAt = clock.now() + fault.record.leaseMs;
        fault.lastError = null;
      } catch (error) {
        fault.lastError = `renew: ${(error as Error).message}`;
      }
      if (fault.state === 'active' && !fault.ending) this.scheduleRenewal(fault);
    }, fault.record.leaseMs / 3);
  }

  private context(fault: TrackedFault): FaultContext {
    return { stack: fault.stack, agents: this.agents, leaseWallMs: fault.record.leaseMs / fault.stack.clock.speed };
  }

  private activeOf(stackId: string): TrackedFault[] {
    return [...this.faults.values()].filter((fault) => fault.record.stackId === stackId && fault.state === 'active');
  }

  private find(stackId: string, faultId: string): TrackedFault {
    this.stacks.get(stackId);
    const fault = this.faults.get(faultId);
    if (!fault || fault.record.stackId !== stackId) throw AppError.notFound(`fault "${faultId}" of stack "${stackId}"`);
    return fault;
  }

  private remember(fault: TrackedFault): void {
    this.faults.set(fault.record.id, fault);
    const ended = [...this.faults.values()].filter((f) => f.record.stackId === fault.record.stackId && f.state !== 'active');
    for (const old of ended.slice(0, Math.max(0, ended.length - HISTORY_PER_STACK))) this.faults.delete(old.record.id);
  }

  private view(fault: TrackedFault): FaultView {
    const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
    return {
      id: fault.record.id,
      stackId: fault.record.stackId,
      kind: fault.record.kind,
      target: fault.record.target,
      params: fault.record.params,
      state: fault.state,
      createdAt: iso(fault.createdAt)!,
      endsAt: iso(fault.endsAt),
      leaseSeconds: fault.record.leaseMs / 1000,
      leaseExpiresAt: iso(fault.leaseExpiresAt),
      endedAt: iso(fault.endedAt),
      endReason: fault.endReason,
      lastError: fault.lastError,
    };
  }
}
