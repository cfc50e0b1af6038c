import { isDeepStrictEqual } from 'node:util';
import type { ServiceMetrics } from '../telemetry/metrics.js';
import { effectFor } from './effects/index.js';
import { AGENT_FAULT_KINDS, type AgentFault, type AgentFaultStatus } from './protocol.js';
import type { ReplicaRuntime, Revert } from './runtime.js';

interface ActiveFault {
  readonly id: string;
  readonly fault: AgentFault;
  readonly appliedAt: number;
  expiresAt: number;
  leaseTimer: NodeJS.Timeout;
  readonly revert: Revert;
}

export class AgentError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Applies faults inside this replica and guarantees they end: each one is a lease that reverts
 * by itself when the controller stops renewing it, whatever happened to the controller.
 */
export class ChaosAgent {
  private readonly active = new Map<string, ActiveFault>();

  constructor(
    private readonly runtime: ReplicaRuntime,
    private readonly metrics: ServiceMetrics,
  ) {
    metrics.initialiseFaults(AGENT_FAULT_KINDS);
  }

  list(): AgentFaultStatus[] {
    return [...this.active.values()].map(({ id, fault, appliedAt, expiresAt }) => ({
      id,
      kind: fault.kind,
      appliedAt,
      expiresAt,
    }));
  }

  /** Applies a fault, or renews its lease when the same fault is already applied. */
  async apply(id: string, fault: AgentFault, leaseMs: number): Promise<{ status: AgentFaultStatus; renewed: boolean }> {
    const existing = this.active.get(id);
    if (existing) {
      if (!isDeepStrictEqual(existing.fault, fault)) {
        throw new AgentError(409, `fault ${id} is already applied with different parameters`);
      }
      this.extendLease(existing, leaseMs);
      return { status: this.statusOf(existing), renewed: true };
    }
    const effect = effectFor(fault);
    const problem = effect.unsupported(this.runtime, fault);
    if (problem) throw new AgentError(422, problem);
    const revert = await effect.apply(this.runtime, fault);
    const now = Date.now();
    const entry: ActiveFault = {
      id,
      fault,
      appliedAt: now,
      expiresAt: now + leaseMs,
      leaseTimer: this.leaseTimer(id, leaseMs),
      revert,
    };
    this.active.set(id, entry);
    this.publish();
    this.runtime.logger.debug('chaos agent applied fault', { fault_id: id, kind: fault.kind, lease_ms: leaseMs });
    return { status: this.statusOf(entry), renewed: false };
  }

  /** Reverts one fault; reverting an absent fault is not an error (revert is idempotent). */
  async revert(id: string, reason = 'reverted'): Promise<boolean> {
    const entry = this.active.get(id);
    if (!entry) return false;
    this.active.delete(id);
    clearTimeout(entry.leaseTimer);
    try {
      await entry.revert();
    } finally {
      this.publish();
      this.runtime.logger.debug('chaos agent reverted fault', { fault_id: id, kind: entry.fault.kind, reason });
    }
    return true;
  }

  async revertAll(reason = 'reset'): Promise<number> {
    let count = 0;
    for (const id of [...this.active.keys()]) if (await this.revert(id, reason)) count++;
    return count;
  }

  private extendLease(entry: ActiveFault, leaseMs: number): void {
    clearTimeout(entry.leaseTimer);
    entry.expiresAt = Date.now() + leaseMs;
    entry.leaseTimer = this.leaseTimer(entry.id, leaseMs);
  }

  private leaseTimer(id: string, leaseMs: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.runtime.logger.warn('chaos agent lease expired; fault reverted', { fault_id: id });
      void this.revert(id, 'lease expired');
    }, leaseMs);
    timer.unref();
    return timer;
  }

  private statusOf(entry: ActiveFault): AgentFaultStatus {
    return { id: entry.id, kind: entry.fault.kind, appliedAt: entry.appliedAt, expiresAt: entry.expiresAt };
  }

  private publish(): void {
    const service = this.metrics.service;
    for (const kind of AGENT_FAULT_KINDS) {
      const count = [...this.active.values()].filter((entry) => entry.fault.kind === kind).length;
      this.metrics.faultsActive.set({ service, kind }, count);
    }
  }
}
