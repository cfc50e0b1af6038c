import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Clock } from '@firedrill/clock';
import { DEMO_SHOP, type ServiceName, type ServiceSpec } from '@firedrill/scenarios';
import { REPLICA_ENTRY } from '@firedrill/demo-stack';
import type { ServiceConfigPatch } from '@firedrill/demo-stack/protocol';
import { AgentClient } from '../../faults/agent-client.js';
import type { InstanceView, ReplicaRestart, ScaleResult, StackTarget } from '../target.js';
import { mergeConfig } from './config-overrides.js';
import { freePorts } from './ports.js';
import { dialHost, LOOPBACK_NETWORK, type ReplicaNetwork } from './replica-network.js';
import { ReplicaProcess, type BackoffPolicy } from './replica-process.js';
import { OperationQueue } from '../operation-queue.js';

export interface EmbeddedStackOptions {
  stackId: string;
  clock: Clock;
  replicas: Partial<Record<ServiceName, number>>;
  /** Command-line tag marking the replicas as this API's (see leftover-processes.ts). */
  ownerTag: string;
  otlpEndpoint?: string;
  /** Where the real Redis / PostgreSQL are, when the profile asks for them (see real-components.ts). */
  dependencyEnv?: Record<string, string>;
  backoff?: BackoffPolicy;
  readyTimeoutMs?: number;
  /** Where the replicas listen and are advertised; loopback by default (see replica-network.ts). */
  network?: ReplicaNetwork;
}

export interface ReplicaLog {
  instanceId: string;
  line: string;
}

/**
 * The demo shop as child processes on loopback, supervised like a ReplicaSet. Each replica keeps
 * its port across restarts; when a service is scaled, its callers are told the new replica list
 * through their chaos agents. Scale and restart run one at a time per stack.
 */
export class EmbeddedStack implements StackTarget {
  readonly kind = 'embedded';
  readonly agentToken = randomBytes(24).toString('hex');
  readonly logs = new EventEmitter<{ line: [ReplicaLog] }>();
  private readonly replicas: ReplicaProcess[] = [];
  private readonly readyListeners = new Set<(instance: InstanceView) => void>();
  private readonly crashLoops = new Map<ServiceName, number>();
  /** Settings changed at run time (set-config); replicas started later get them too. */
  private readonly configOverrides = new Map<ServiceName, ServiceConfigPatch>();
  private readonly agents = new AgentClient();
  private readonly operations = new OperationQueue();
  private launched = false;

  private constructor(private readonly options: EmbeddedStackOptions) {}

  static async start(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
    const stack = new EmbeddedStack(options);
    await stack.launch();
    return stack;
  }

  get gatewayUrl(): string {
    return this.replicas.find((replica) => replica.spec.service === 'gateway')!.url;
  }

  get advertisedHost(): string {
    return this.network.advertisedHost;
  }

  private get network(): ReplicaNetwork {
    return this.options.network ?? LOOPBACK_NETWORK;
  }

  private get readyTimeoutMs(): number {
    return this.options.readyTimeoutMs ?? 20_000;
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

  scale(service: ServiceName, count: number): Promise<ScaleResult> {
    return this.operations.run(async () => {
      const current = this.replicasOf(service);
      if (count > current.length) return this.scaleUp(findSpec(service), count - current.length);
      if (count < current.length) return this.scaleDown(service, current.slice(count));
      return { service, replicas: count, added: [], removed: [], notReady: [] };
    });
  }

  restart(service: ServiceName): Promise<ReplicaRestart[]> {
    return this.operations.run(async () => {
      const restarted: ReplicaRestart[] = [];
      for (const replica of this.replicasOf(service)) {
        const oldPid = replica.view().pid;
        await replica.restart();
        const ready = await replica.whenRunning(this.readyTimeoutMs);
        restarted.push({ id: replica.spec.id, oldPid, newPid: replica.view().pid, ready });
        // A rollout stops at a replica that does not come back, as `kubectl rollout` would.
        if (!ready) break;
      }
      return restarted;
    });
  }

  async configure(service: ServiceName, patch: ServiceConfigPatch): Promise<string[]> {
    this.configOverrides.set(service, mergeConfig(this.configOverrides.get(service), patch));
    const running = this.instances(service).filter((instance) => instance.state === 'running');
    const results = await Promise.allSettled(running.map((instance) => this.agents.patchConfig(this.agentAt(instance.url), patch)));
    const failures = results.flatMap((result, index) => (result.status === 'rejected' ? [`${running[index]!.id}: ${(result.reason as Error).message}`] : []));
    // Replicas that missed the change get it from their environment when they next start.
    if (failures.length === results.length && failures.length > 0) throw new Error(`no replica took the change: ${failures.join('; ')}`);
    return running.filter((_, index) => results[index]!.status === 'fulfilled').map((instance) => instance.id);
  }

  configOverride(service: ServiceName): ServiceConfigPatch | undefined {
    return this.configOverrides.get(service);
  }

  async stop(): Promise<void> {
    // Queued scales and restarts are refused from now on; one already running meets stopped replicas.
    void this.operations.close();
    await Promise.all(this.replicas.map((replica) => replica.stop()));
    await this.agents.close();
  }


  private async scaleUp(spec: ServiceSpec, more: number): Promise<ScaleResult> {
    const ports = await freePorts(more, this.network.bindHost);
    const taken = new Set(this.replicasOf(spec.name).map((replica) => replica.spec.id));
    const added: ReplicaProcess[] = [];
    for (let index = 0; added.length < more; index++) {
      if (taken.has(`${spec.name}-${index}`)) continue;
      const replica = this.createReplica(spec, index, ports[added.length]!);
      this.replicas.push(replica);
      added.push(replica);
      replica.start();
    }
    const ready = await Promise.all(added.map((replica) => replica.whenRunning(this.readyTimeoutMs)));
    await this.pushUpstreams(spec.name);
    return {
      service: spec.name,
      replicas: this.replicasOf(spec.name).length,
      added: added.map((replica) => replica.spec.id),
      removed: [],
      notReady: added.filter((_, index) => !ready[index]).map((replica) => replica.spec.id),
    };
  }

  /** Callers stop sending to the victims first; then the victims stop gracefully (SIGTERM). */
  private async scaleDown(service: ServiceName, victims: ReplicaProcess[]): Promise<ScaleResult> {
    for (const victim of victims) this.replicas.splice(this.replicas.indexOf(victim), 1);
    await this.pushUpstreams(service);
    await Promise.all(victims.map((victim) => victim.stop()));
    return { service, replicas: this.replicasOf(service).length, added: [], removed: victims.map((victim) => victim.spec.id), notReady: [] };
  }

  /** Tells every running replica that calls `service` its current replica list. */
  private async pushUpstreams(service: ServiceName): Promise<void> {
    const callers = DEMO_SHOP.filter((spec) => spec.downstream.includes(service)).flatMap((spec) => this.replicasOf(spec.name));
    const urls = this.replicasOf(service).map((replica) => replica.url);
    await Promise.allSettled(
      callers
        .filter((caller) => caller.view().state === 'running')
        .map((caller) => this.agents.setUpstreams(this.agentAt(caller.url), { [service]: urls })),
    );
  }

  private upstreamsOf(spec: ServiceSpec): Record<string, string[]> {
    return Object.fromEntries(spec.downstream.map((name) => [name, this.replicasOf(name).map((replica) => replica.url)]));
  }

  private replicasOf(service: ServiceName): ReplicaProcess[] {
    return this.replicas.filter((replica) => replica.spec.service === service).sort((a, b) => a.spec.index - b.spec.index);
  }

  private agentAt(url: string) {
    return { url, token: this.agentToken };
  }

  private createReplica(spec: ServiceSpec, index: number, port: number): ReplicaProcess {
    const { stackId, clock } = this.options;
    const id = `${spec.name}-${index}`;
    return new ReplicaProcess(
      {
        id,
        service: spec.name,
        index,
        host: dialHost(this.network),
        port,
        entry: REPLICA_ENTRY,
        args: [`--firedrill-stack=${stackId}`, `--firedrill-replica=${id}`, this.options.ownerTag],
        env: {
          PATH: process.env.PATH ?? '',
          FIREDRILL_SERVICE: spec.name,
          FIREDRILL_REPLICA: String(index),
          FIREDRILL_STACK_ID: stackId,
          FIREDRILL_HOST: this.network.bindHost,
          PORT: String(port),
          FIREDRILL_AGENT_TOKEN: this.agentToken,
          ...(this.options.otlpEndpoint ? { OTEL_EXPORTER_OTLP_ENDPOINT: this.options.otlpEndpoint } : {}),
          ...this.options.dependencyEnv,
        },
      },
      clock,
      {
        onReady: (process) => {
          // A caller that started while its downstream was being scaled may hold an old list.
          if (this.launched && spec.downstream.length > 0) {
            void this.agents.setUpstreams(this.agentAt(process.url), this.upstreamsOf(spec)).catch(() => undefined);
          }
          for (const listener of this.readyListeners) listener(process.view());
        },
        onLog: (process, line) => this.logs.emit('line', { instanceId: process.spec.id, line }),
        startEnv: (process): Record<string, string> => {
          const until = this.crashLoops.get(process.spec.service);
          const config = this.configOverrides.get(process.spec.service);
          return {
            // Computed at each start, so a restarted replica sees the current replica lists and settings.
            FIREDRILL_UPSTREAMS: JSON.stringify(this.upstreamsOf(spec)),
            ...(config ? { FIREDRILL_CONFIG: JSON.stringify(config) } : {}),
            ...(until !== undefined && until > Date.now() ? { FIREDRILL_CRASH_UNTIL: String(until) } : {}),
          };
        },
      },
      this.options.backoff,
    );
  }

  private async launch(): Promise<void> {
    const counts = this.options.replicas;
    const layout = DEMO_SHOP.map((service) => ({ service, count: counts[service.name] ?? service.defaultReplicas }));
    const ports = await freePorts(layout.reduce((sum, entry) => sum + entry.count, 0), this.network.bindHost);
    let next = 0;
    // Every replica exists (with its port) before any starts, so each start sees complete upstream lists.
    for (const { service, count } of layout) {
      for (let index = 0; index < count; index++) this.replicas.push(this.createReplica(service, index, ports[next++]!));
    }
    for (const replica of this.replicas) replica.start();
    const ready = await Promise.all(this.replicas.map((replica) => replica.whenRunning(this.readyTimeoutMs)));
    if (ready.some((isReady) => !isReady)) {
      const missing = this.replicas.filter((_, index) => !ready[index]).map((replica) => replica.spec.id);
      await this.stop();
      throw new Error(`replicas not ready within ${this.readyTimeoutMs} ms: ${missing.join(', ')}`);
    }
    this.launched = true;
  }
}

function findSpec(service: ServiceName): ServiceSpec {
  return DEMO_SHOP.find((spec) => spec.name === service)!;
}
