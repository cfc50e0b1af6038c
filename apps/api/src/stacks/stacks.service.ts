import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ScaledClock } from '@firedrill/clock';
import { StackProfileSchema } from '@firedrill/scenarios';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, parseWith } from '../common/errors.js';
import { APP_OPTIONS, type AppOptions } from '../config/app-options.js';
import { FaultsService, type FaultView } from '../faults/faults.service.js';
import { TelemetryService } from '../telemetry/telemetry.service.js';
import { EmbeddedStack } from './embedded/embedded-stack.js';
import { attachKubernetesTarget, checkKubernetesRequest, StackTargetRequestSchema } from './kubernetes/kubernetes-stacks.js';
import { KubernetesTarget } from './kubernetes/kubernetes-target.js';
import { RealComponentLeases } from './real-components.js';
import { killLeftoverReplicas, ownerTag } from './embedded/leftover-processes.js';
import { LoadGenerator, type LoadStats } from './load/load-generator.js';
import type { Stack } from './stack.js';
import { StackRegistry } from './stack-registry.js';
import type { InstanceView, StackTarget } from './target.js';

export const CreateStackSchema = StackProfileSchema.extend({
  otlpEndpoint: z.url({ protocol: /^https?$/ }).optional().describe('OTLP/HTTP base URL the services export spans to; default: the stack\'s own trace store'),
  target: StackTargetRequestSchema.optional(),
}).strict();

export const SetLoadSchema = z.object({ rps: z.number().min(0).max(500).describe('requests per second') }).strict();

export interface StackView {
  id: string;
  state: 'running';
  createdAt: string;
  speed: number;
  gatewayUrl: string;
  target: { kind: 'embedded' } | { kind: 'kubernetes'; namespace: string };
  services: Array<{ name: string; replicas: Array<Omit<InstanceView, 'service' | 'url'>> }>;
  faults: FaultView[];
  load: LoadStats;
}

@Injectable()
export class StacksService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('stacks');
  private starting = 0;
  private readonly removing = new Set<string>();
  private readonly components: RealComponentLeases;

  constructor(
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
    private readonly registry: StackRegistry,
    private readonly faults: FaultsService,
    private readonly telemetry: TelemetryService,
  ) {
    this.components = new RealComponentLeases(options.components);
  }

  /** Cleans up after a previous run that crashed: its faults first, then its processes. */
  async onModuleInit(): Promise<void> {
    await this.faults.revertLeftovers();
    const killed = killLeftoverReplicas(this.options.dataDir);
    if (killed.length > 0) this.logger.warn(`killed ${killed.length} replica process(es) left over by a previous run`);
  }

  /** `id` is fixed only for the demo stack of `firedrill start --stack-id` (compose points Grafana and Alertmanager at it). */
  async create(body: unknown, id = `stk-${randomBytes(4).toString('hex')}`): Promise<StackView> {
    const request = parseWith(CreateStackSchema, body ?? {});
    // The namespace allow-list is checked here, before anything reaches a cluster.
    const namespace = request.target?.kind === 'kubernetes' ? checkKubernetesRequest(this.options.kubernetes, { ...request, namespace: request.target.namespace }, this.kubernetesNamespacesInUse()) : undefined;
    if (this.registry.size + this.starting >= this.options.maxStacks) {
      throw new AppError('conflict', `at most ${this.options.maxStacks} stacks may run at once; delete one first`);
    }
    const clock = new ScaledClock(request.speed);
    const dependencyEnv = this.components.acquire(id, request);
    this.starting++;
    let target: StackTarget;
    try {
      target = namespace !== undefined ? await attachKubernetesTarget(this.options.kubernetes!, namespace) : await EmbeddedStack.start({
        stackId: id,
        clock,
        replicas: request.replicas,
        dependencyEnv,
        network: this.options.replicaNetwork,
        ownerTag: ownerTag(this.options.dataDir),
        // Without an endpoint of their own, spans go to the stack's trace store.
        otlpEndpoint: request.otlpEndpoint ?? this.telemetry.otlpEndpointFor(id),
      });
    } catch (error) {
      this.components.release(id);
      throw new AppError('stack_failed', `stack could not start: ${(error as Error).message}`);
    } finally {
      this.starting--;
    }
    const load = new LoadGenerator(target.gatewayUrl, request.loadRps);
    const { otlpEndpoint: _ignored, target: _target, ...profile } = request;
    const stack: Stack = { id, createdAt: new Date().toISOString(), profile, clock, target, load };
    this.registry.add(stack);
    this.faults.attach(stack);
    if (request.loadRps > 0) load.start();
    this.logger.log(`stack ${id} running; gateway ${target.gatewayUrl}`);
    return this.view(id);
  }

  list(): StackView[] {
    return this.registry.all().map((stack) => this.view(stack.id));
  }

  view(id: string): StackView {
    const stack = this.registry.get(id);
    const instances = stack.target.instances();
    const services = [...new Set(instances.map((instance) => instance.service))].map((name) => ({
      name,
      replicas: instances
        .filter((instance) => instance.service === name)
        .map(({ service: _service, url: _url, ...replica }) => replica),
    }));
    return {
      id,
      state: 'running',
      createdAt: stack.createdAt,
      speed: stack.clock.speed,
      gatewayUrl: stack.target.gatewayUrl,
      target: stack.target instanceof KubernetesTarget ? { kind: 'kubernetes', namespace: stack.target.namespace } : { kind: 'embedded' },
      services,
      faults: this.faults.activeViews(id),
      load: stack.load.stats(),
    };
  }

  setLoad(id: string, body: unknown): LoadStats {
    const stack = this.registry.get(id);
    const { rps } = parseWith(SetLoadSchema, body);
    stack.load.setRate(rps);
    if (rps > 0) stack.load.start();
    return stack.load.stats();
  }

  /** Reverts the stack's faults, stops its load and its processes. */
  async remove(id: string): Promise<{ id: string; state: 'stopped'; revertedFaults: string[] }> {
    const stack = this.registry.get(id);
    if (this.removing.has(id)) throw new AppError('conflict', `stack "${id}" is already being stopped`);
    this.removing.add(id);
    const { reverted } = await this.faults.reset(id, 'stack stopped').catch(() => ({ reverted: [] as string[] }));
    this.registry.remove(id);
    this.removing.delete(id);
    await stack.load.stop();
    await stack.target.stop();
    await this.components.cleanUp(id, stack.profile).catch((error: Error) => this.logger.warn(`stack ${id}: real components not cleaned up: ${error.message}`));
    this.components.release(id);
    this.faults.forget(id);
    this.logger.log(`stack ${id} stopped`);
    return { id, state: 'stopped', revertedFaults: reverted };
  }

  private kubernetesNamespacesInUse(): string[] {
    return this.registry.all().flatMap((stack) => (stack.target instanceof KubernetesTarget ? [stack.target.namespace] : []));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.registry.all().map((stack) => this.remove(stack.id)));
  }
}
