import { EventEmitter } from 'node:events';
import { DEMO_SHOP, SERVICE_NAMES, type ServiceName } from '@firedrill/scenarios';
import type { ServiceConfigPatch } from '@firedrill/demo-stack/protocol';
import type { V1Deployment } from '@kubernetes/client-node';
import { AgentClient } from '../../faults/agent-client.js';
import { mergeConfig } from '../embedded/config-overrides.js';
import type { InstanceView, ReplicaRestart, ScaleResult, StackTarget } from '../target.js';
import { kubeErrorMessage, type KubeApi } from './kube-api.js';
import { demoSelector, httpPort, podView } from './pod-view.js';
import { OperationQueue } from '../operation-queue.js';

export interface KubernetesTargetOptions {
  api: KubeApi;
  /** Already checked against the allow-list (namespace-policy.ts) by the caller. */
  namespace: string;
  /** The token in the demo stack's agent Secret (FIREDRILL_K8S_AGENT_TOKEN). */
  agentToken: string;
  /** How often the view of the pods is refreshed; ready listeners fire from it. */
  refreshMs?: number;
  /** How long scale and rollout restart wait for the pods to be ready. */
  readyTimeoutMs?: number;
  /** Poll interval while waiting for a scale or a rollout. */
  pollMs?: number;
  /** Where the load generator sends traffic; default: the gateway Service's cluster DNS name. */
  gatewayUrl?: string;
}

/**
 * The demo stack deployed from deploy/k8s in an allow-listed namespace. Firedrill attaches to it
 * rather than creating it: instances are the pods the demo labels select, kill deletes a pod,
 * scale and restart go through the Deployment, and faults and settings through the chaos agent
 * listening on each pod's http port. Callers reach each other through Services, so scaling needs
 * no upstream lists. Stopping the target restores the replica counts it found.
 */
export class KubernetesTarget implements StackTarget {
  readonly kind = 'kubernetes';
  readonly logs = new EventEmitter<{ line: [{ instanceId: string; line: string }] }>();
  readonly gatewayUrl: string;
  readonly namespace: string;
  private pods: InstanceView[] = [];
  private readonly readyListeners = new Set<(instance: InstanceView) => void>();
  private readonly configOverrides = new Map<ServiceName, ServiceConfigPatch>();
  private readonly initialReplicas = new Map<ServiceName, number>();
  private readonly agents = new AgentClient();
  private timer: NodeJS.Timeout | undefined;
  private readonly operations = new OperationQueue();
  private refreshing: Promise<void> | undefined;
  private stopped = false;
  private listed = false;

  private constructor(
    private readonly options: KubernetesTargetOptions,
    gatewayDeployment: V1Deployment,
  ) {
    this.namespace = options.namespace;
    const port = gatewayDeployment.spec ? httpPort({ spec: gatewayDeployment.spec.template.spec }) : 8080;
    this.gatewayUrl = options.gatewayUrl ?? `http://gateway.${options.namespace}.svc:${port}`;
  }

  get agentToken(): string {
    return this.options.agentToken;
  }

  /** Checks that every demo Deployment is there, takes a first look at the pods and starts watching them. */
  static async attach(options: KubernetesTargetOptions): Promise<KubernetesTarget> {
    const { api, namespace } = options;
    const deployments = new Map<ServiceName, V1Deployment>();
    for (const service of SERVICE_NAMES) {
      try {
        deployments.set(service, await api.readDeployment(namespace, service));
      } catch (error) {
        const missing = (error as { code?: number }).code === 404;
        throw new Error(
          missing
            ? `Deployment "${service}" not found in namespace "${namespace}": apply deploy/k8s/ there first`
            : `reading Deployment "${service}" in "${namespace}": ${kubeErrorMessage(error)}`,
        );
      }
    }
    const target = new KubernetesTarget(options, deployments.get('gateway')!);
    for (const [service, deployment] of deployments) target.initialReplicas.set(service, deployment.spec?.replicas ?? 1);
    await target.refresh();
    target.timer = setInterval(() => void target.refresh().catch(() => undefined), options.refreshMs ?? 2000);
    target.timer.unref();
    return target;
  }

  instances(service?: ServiceName): InstanceView[] {
    return this.pods.filter((pod) => !service || pod.service === service);
  }

  /** Lists the demo pods once (concurrent callers share the call); newly ready pods get the settings and listeners. */
  refresh(): Promise<void> {
    this.refreshing ??= this.listPods().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  async kill(instanceId: string): Promise<void> {
    // Only a pod the demo selector matched is ever deleted, whatever id a caller passes.
    if (!this.pods.some((pod) => pod.id === instanceId)) throw new Error(`pod "${instanceId}" is not a demo pod in "${this.options.namespace}"`);
    try {
      await this.options.api.deletePod(this.options.namespace, instanceId);
    } catch (error) {
      throw new Error(`deleting pod "${instanceId}": ${kubeErrorMessage(error)}`);
    }
    await this.refresh();
  }

  onInstanceReady(listener: (instance: InstanceView) => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  scale(service: ServiceName, replicas: number): Promise<ScaleResult> {
    return this.operations.run(async () => {
      const { api, namespace } = this.options;
      const before = await this.podsOf(service);
      await this.call(`scaling Deployment "${service}"`, () => api.patchScale(namespace, service, replicas));
      const after = await this.waitFor(async () => {
        const pods = (await this.podsOf(service)).filter((pod) => pod.state !== 'stopped');
        return pods.length === replicas && pods.every((pod) => pod.state === 'running') ? pods : undefined;
      });
      const current = after ?? (await this.podsOf(service)).filter((pod) => pod.state !== 'stopped');
      const beforeIds = new Set(before.map((pod) => pod.id));
      const currentIds = new Set(current.map((pod) => pod.id));
      return {
        service,
        replicas,
        added: current.filter((pod) => !beforeIds.has(pod.id)).map((pod) => pod.id),
        removed: before.filter((pod) => !currentIds.has(pod.id)).map((pod) => pod.id),
        notReady: after ? [] : current.filter((pod) => pod.state !== 'running').map((pod) => pod.id).concat(current.length < replicas ? [`${replicas - current.length} pod(s) not created`] : []),
      };
    });
  }

  /** `kubectl rollout restart`, then waits for the rollout: every old pod replaced and the new ones ready. */
  restart(service: ServiceName): Promise<ReplicaRestart[]> {
    return this.operations.run(async () => {
      const { api, namespace } = this.options;
      const old = (await this.podsOf(service)).filter((pod) => pod.state !== 'stopped');
      await this.call(`restarting Deployment "${service}"`, () => api.restartDeployment(namespace, service, new Date()));
      const done = await this.waitFor(async () => {
        const deployment = await api.readDeployment(namespace, service);
        const want = deployment.spec?.replicas ?? 0;
        const status = deployment.status ?? {};
        const rolledOut =
          (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0) && (status.updatedReplicas ?? 0) === want && (status.availableReplicas ?? 0) === want;
        const pods = (await this.podsOf(service)).filter((pod) => pod.state !== 'stopped');
        return rolledOut && !pods.some((pod) => old.some((before) => before.id === pod.id)) ? true : undefined;
      });
      return old.map((pod) => ({ id: pod.id, oldPid: null, newPid: null, ready: done === true }));
    });
  }

  /** Changes settings through the agents of the running pods; pods that become ready later get them too. */
  async configure(service: ServiceName, patch: ServiceConfigPatch): Promise<string[]> {
    this.configOverrides.set(service, mergeConfig(this.configOverrides.get(service), patch));
    const running = this.instances(service).filter((instance) => instance.state === 'running');
    const results = await Promise.allSettled(running.map((instance) => this.agents.patchConfig({ url: instance.url, token: this.agentToken }, patch)));
    const failures = results.flatMap((result, index) => (result.status === 'rejected' ? [`${running[index]!.id}: ${(result.reason as Error).message}`] : []));
    if (failures.length === results.length && failures.length > 0) throw new Error(`no pod took the change: ${failures.join('; ')}`);
    return running.filter((_, index) => results[index]!.status === 'fulfilled').map((instance) => instance.id);
  }

  /** Stops watching and puts the replica counts back as they were found; the pods themselves stay. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.operations.close();
    const { api, namespace } = this.options;
    await Promise.allSettled(
      [...this.initialReplicas].map(async ([service, replicas]) => {
        if ((await api.readScale(namespace, service)) !== replicas) await api.patchScale(namespace, service, replicas);
      }),
    );
    await this.agents.close();
  }

  private async listPods(): Promise<void> {
    const pods = await this.call('listing the demo pods', () => this.options.api.listPods(this.options.namespace, demoSelector()));
    const next = pods.map(podView).filter((view): view is InstanceView => view !== undefined).sort(byServiceAndName);
    const wasRunning = new Set(this.pods.filter((pod) => pod.state === 'running').map((pod) => pod.id));
    this.pods = next;
    // The first look finds the stack as it is; only pods that become ready afterwards are news.
    if (!this.listed) {
      this.listed = true;
      return;
    }
    for (const pod of next) {
      if (pod.state !== 'running' || wasRunning.has(pod.id)) continue;
      const config = this.configOverrides.get(pod.service);
      if (config) void this.agents.patchConfig({ url: pod.url, token: this.agentToken }, config).catch(() => undefined);
      for (const listener of this.readyListeners) listener(pod);
    }
  }

  private async podsOf(service: ServiceName): Promise<InstanceView[]> {
    await this.refresh();
    return this.instances(service);
  }

  private async call<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new Error(`${what} in "${this.options.namespace}": ${kubeErrorMessage(error)}`);
    }
  }

  /** Polls `check` until it answers something, or answers undefined when the ready timeout passes. */
  private async waitFor<T>(check: () => Promise<T | undefined>): Promise<T | undefined> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 120_000);
    for (;;) {
      const result = await check();
      if (result !== undefined) return result;
      if (Date.now() > deadline || this.stopped) return undefined;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 1000));
    }
  }

}

const ORDER = new Map(DEMO_SHOP.map((spec, index) => [spec.name, index]));

function byServiceAndName(a: InstanceView, b: InstanceView): number {
  return (ORDER.get(a.service)! - ORDER.get(b.service)!) || a.id.localeCompare(b.id);
}
