import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Clock } from '@firedrill/clock';
import { DEMO_SHOP, type ServiceName } from '@firedrill/scenarios';
import { REPLICA_ENTRY } from '@firedrill/demo-stack';
import type { InstanceView, StackTarget } from '../target.js';
import { freePorts } from './ports.js';
import { ReplicaProcess, type BackoffPolicy } from './replica-process.js';

export interface EmbeddedStackOptions {
  stackId: string;
  clock: Clock;
  replicas: Partial<Record<ServiceName, number>>;
  /** Command-line tag marking the replicas as this API's (see leftover-processes.ts). */
  ownerTag: string;
  otlpEndpoint?: string;
  backoff?: BackoffPolicy;
  readyTimeoutMs?: number;
}

export interface ReplicaLog {
  instanceId: string;
  line: string;
}

/**
 * The demo shop as child processes on loopback, supervised like a ReplicaSet. Each replica
 * keeps its port across restarts, so the gateway's upstream lists never change.
 */
export class EmbeddedStack implements StackTarget {
  readonly kind = 'embedded';
  readonly agentToken = randomBytes(24).toString('hex');
  readonly logs = new EventEmitter<{ line: [ReplicaLog] }>();
  private readonly replicas: ReplicaProcess[] = [];
  private readonly readyListeners = new Set<(instance: InstanceView) => void>();
  private readonly crashLoops = new Map<ServiceName, number>();

  private constructor(private readonly options: EmbeddedStackOptions) {}

  static async start(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
    const stack = new EmbeddedStack(options);
    await stack.launch();
    return stack;
  }

  get gatewayUrl(): string {
    return this.replicas.find((replica) => replica.spec.service === 'gateway')!.url;
  }

  instances(service?: ServiceName): InstanceView[] {
    return this.replicas.filter((replica) => !service || replica.spec.service === service).map((replica) => replica.view());
  }

  kill(instanceId: string): void {
    this.replicas.find((replica) => replica.spec.id === instanceId)?.kill();
  }

  setCrashLoop(service: ServiceName, untilWallMs: number | undefined): void {
    if (untilWallMs === undefined) this.crashLoops.delete(service);
    else this.crashLoops.set(service, untilWallMs);
  }

  restartWaiting(service: ServiceName): void {
    for (const replica of this.replicas) if (replica.spec.service === service) replica.restartIfWaiting();
  }

  onInstanceReady(listener: (instance: InstanceView) => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  async stop(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.stop()));
  }

  private async launch(): Promise<void> {
    const { stackId, clock, replicas: counts } = this.options;
    const layout = DEMO_SHOP.map((service) => ({ service, count: counts[service.name] ?? service.defaultReplicas }));
    const ports = await freePorts(layout.reduce((sum, entry) => sum + entry.count, 0));
    const urls = new Map<ServiceName, string[]>();
    let next = 0;
    const planned = layout.flatMap(({ service, count }) =>
      Array.from({ length: count }, (_, index) => {
        const port = ports[next++]!;
        urls.set(service.name, [...(urls.get(service.name) ?? []), `http://127.0.0.1:${port}`]);
        return { service, index, port };
      }),
    );
    const ready = new Set<string>();
    let allReady!: () => void;
    const launched = new Promise<void>((resolve) => (allReady = resolve));
    for (const { service, index, port } of planned) {
      const id = `${service.name}-${index}`;
      const upstreams = Object.fromEntries(service.downstream.map((name) => [name, urls.get(name) ?? []]));
      const replica = new ReplicaProcess(
        {
          id,
          service: service.name,
          port,
          entry: REPLICA_ENTRY,
          args: [`--firedrill-stack=${stackId}`, `--firedrill-replica=${id}`, this.options.ownerTag],
          env: {
            PATH: process.env.PATH ?? '',
            FIREDRILL_SERVICE: service.name,
            FIREDRILL_REPLICA: String(index),
            FIREDRILL_STACK_ID: stackId,
            PORT: String(port),
            FIREDRILL_UPSTREAMS: JSON.stringify(upstreams),
            FIREDRILL_AGENT_TOKEN: this.agentToken,
            ...(this.options.otlpEndpoint ? { OTEL_EXPORTER_OTLP_ENDPOINT: this.options.otlpEndpoint } : {}),
          },
        },
        clock,
        {
          onReady: (process) => {
            ready.add(process.spec.id);
            if (ready.size === planned.length) allReady();
            for (const listener of this.readyListeners) listener(process.view());
          },
          onLog: (process, line) => this.logs.emit('line', { instanceId: process.spec.id, line }),
          startEnv: (process): Record<string, string> => {
            const until = this.crashLoops.get(process.spec.service);
            return until !== undefined && until > Date.now() ? { FIREDRILL_CRASH_UNTIL: String(until) } : {};
          },
        },
        this.options.backoff,
      );
      this.replicas.push(replica);
      replica.start();
    }
    const timeoutMs = this.options.readyTimeoutMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([launched.then(() => 'ready' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const missing = planned.map(({ service, index }) => `${service.name}-${index}`).filter((id) => !ready.has(id));
      await this.stop();
      throw new Error(`replicas not ready within ${timeoutMs} ms: ${missing.join(', ')}`);
    }
  }
}
