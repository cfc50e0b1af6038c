import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Clock, TimerHandle } from '@firedrill/clock';
import type { ServiceName } from '@firedrill/scenarios';
import { request } from 'undici';
import type { InstanceState, InstanceView } from '../target.js';
import { authority } from './replica-network.js';

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Running this long without a crash resets the back-off, as the kubelet does. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, resetAfterMs: 60_000 };

export interface ReplicaSpec {
  id: string;
  service: ServiceName;
  /** Ordinal within the service (the N of `catalog-N`). */
  index: number;
  /** The host the API dials this replica at (loopback unless it binds one specific address). */
  host: string;
  port: number;
  entry: string;
  args: string[];
  env: Record<string, string>;
}

export interface ReplicaEvents {
  onReady(replica: ReplicaProcess): void;
  onLog(replica: ReplicaProcess, line: string): void;
  /** Extra environment for the next start (e.g. the crash-loop deadline). */
  startEnv(replica: ReplicaProcess): Record<string, string>;
}

/**
 * One supervised replica: started as a child process, restarted with exponential back-off when
 * it exits unexpectedly, probed for health. Timers run on the stack's clock.
 */
export class ReplicaProcess {
  private child: ChildProcess | undefined;
  private state: InstanceState = 'stopped';
  private restarts = 0;
  private healthy = false;
  private lastExit: InstanceView['lastExit'] = null;
  private nextBackoffMs: number;
  private startedAt = 0;
  private restartTimer: TimerHandle | undefined;
  private probeTimer: TimerHandle | undefined;
  private stopping = false;
  private exited: Promise<void> = Promise.resolve();
  private readonly runningWaiters = new Set<() => void>();

  constructor(
    readonly spec: ReplicaSpec,
    private readonly clock: Clock,
    private readonly events: ReplicaEvents,
    private readonly backoff: BackoffPolicy = DEFAULT_BACKOFF,
  ) {
    this.nextBackoffMs = backoff.initialMs;
  }

  get url(): string {
    return `http://${authority(this.spec.host, this.spec.port)}`;
  }

  view(): InstanceView {
    return {
      id: this.spec.id,
      service: this.spec.service,
      port: this.spec.port,
      url: this.url,
      pid: this.child?.pid ?? null,
      restarts: this.restarts,
      state: this.state,
      healthy: this.state === 'running' && this.healthy,
      lastExit: this.lastExit,
    };
  }

  start(): void {
    this.stopping = false;
    this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.state = 'starting';
    this.healthy = false;
    const child = spawn(process.execPath, [this.spec.entry, ...this.spec.args], {
      env: { ...this.spec.env, ...this.events.startEnv(this), FIREDRILL_SUPERVISED: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.startedAt = this.clock.now();
    createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(child, line));
    createInterface({ input: child.stderr! }).on('line', (line) => this.events.onLog(this, line));
    child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.onExit(child, code, signal);
        resolve();
      });
      child.once('error', () => resolve());
    });
  }

  /** SIGKILL, as a platform kills a pod; the supervisor restarts it after the back-off. */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  /** Skips a pending back-off and starts now. */
  restartIfWaiting(): void {
    if (this.state === 'backoff' && !this.stopping) {
      this.nextBackoffMs = this.backoff.initialMs;
      this.restarts++;
      this.start();
    }
  }

  /**
   * A planned restart (rolling restart): stops the process gracefully and starts a new one at
   * once. Not counted in `restarts`, which counts crashes and kills, like a container's.
   */
  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  /** Resolves when the replica is (or next becomes) ready for traffic; false after `timeoutMs` wall ms. */
  whenRunning(timeoutMs: number): Promise<boolean> {
    if (this.state === 'running') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ready: boolean): void => {
        clearTimeout(timer);
        this.runningWaiters.delete(onRunning);
        resolve(ready);
      };
      const onRunning = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.runningWaiters.add(onRunning);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.clock.clearTimeout(this.restartTimer);
    this.clock.clearTimeout(this.probeTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 2000);
      await this.exited;
      clearTimeout(forced);
    }
    this.state = 'stopped';
  }

  private onLine(child: ChildProcess, line: string): void {
    this.events.onLog(this, line);
    if (child !== this.child || this.state !== 'starting' || !line.includes('"msg":"listening"')) return;
    this.state = 'running';
    this.healthy = true;
    this.scheduleProbe();
    this.events.onReady(this);
    for (const waiter of [...this.runningWaiters]) waiter();
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.child = undefined;
    this.healthy = false;
    this.clock.clearTimeout(this.probeTimer);
    this.lastExit = { code, signal, at: new Date().toISOString() };
    if (this.stopping) {
      this.state = 'stopped';
      return;
    }
    if (this.clock.now() - this.startedAt >= this.backoff.resetAfterMs) this.nextBackoffMs = this.backoff.initialMs;
    const delay = this.nextBackoffMs;
    this.nextBackoffMs = Math.min(this.nextBackoffMs * 2, this.backoff.maxMs);
    this.state = 'backoff';
    this.restartTimer = this.clock.setTimeout(() => {
      if (this.stopping || this.state !== 'backoff') return;
      this.restarts++;
      this.start();
    }, delay);
  }

  private scheduleProbe(): void {
    this.probeTimer = this.clock.setTimeout(() => void this.probe(), 2000);
  }

  private async probe(): Promise<void> {
    if (this.state !== 'running') return;
    try {
      const response = await request(`${this.url}/healthz`, { headersTimeout: 1000, bodyTimeout: 1000 });
      await response.body.dump();
      this.healthy = response.statusCode === 200;
    } catch {
      this.healthy = false;
    }
    if (this.state === 'running') this.scheduleProbe();
  }
}
