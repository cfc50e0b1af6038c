import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import type { KubernetesOptions } from '../../config/app-options.js';
import { kubeApiFrom, loadKubeConfig } from './kube-api.js';
import { KubernetesTarget } from './kubernetes-target.js';
import { checkNamespace } from './namespace-policy.js';

export const AGENT_TOKEN_VARIABLE = 'FIREDRILL_K8S_AGENT_TOKEN';

/** `target` of POST /api/stacks: embedded (default) or the demo stack deployed in a Kubernetes namespace. */
export const StackTargetRequestSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('embedded') }).strict(),
    z
      .object({
        kind: z.literal('kubernetes'),
        namespace: z.string().min(1).max(63).describe('a namespace listed in FIREDRILL_K8S_NAMESPACES where deploy/k8s is applied'),
      })
      .strict(),
  ])
  .describe('where the stack runs: embedded processes (default) or the demo stack deployed from deploy/k8s');

export type StackTargetRequest = z.infer<typeof StackTargetRequestSchema>;

/**
 * Everything that can refuse a Kubernetes stack without asking the cluster: the namespace
 * allow-list, the agent token, one stack per namespace, and dependencies that only the manifests
 * decide. Runs before any Kubernetes API call.
 */
export function checkKubernetesRequest(
  options: KubernetesOptions | undefined,
  request: { namespace: string; dependencies: { cache: string; database: string } },
  namespacesInUse: readonly string[],
): string {
  const namespace = checkNamespace(request.namespace, options?.namespaces);
  if (!options?.agentToken) {
    throw AppError.invalid([{ field: 'target', message: `the kubernetes target needs the demo stack's chaos-agent token: start Firedrill with ${AGENT_TOKEN_VARIABLE} set` }]);
  }
  if (request.dependencies.cache !== 'memory' || request.dependencies.database !== 'simulated') {
    throw AppError.invalid([{ field: 'dependencies', message: 'on Kubernetes the demo Deployments decide the cache and database (their FIREDRILL_REDIS_URL / FIREDRILL_POSTGRES_URL env)' }]);
  }
  if (namespacesInUse.includes(namespace)) throw new AppError('conflict', `a stack is already attached to namespace "${namespace}"; one at a time`);
  return namespace;
}

/** Connects to the cluster (kubeconfig file, in-cluster, or the default chain) and attaches to the demo stack. */
export function attachKubernetesTarget(options: KubernetesOptions, namespace: string): Promise<KubernetesTarget> {
  const api = kubeApiFrom(loadKubeConfig({ kubeconfigPath: options.kubeconfigPath }));
  return KubernetesTarget.attach({ api, namespace, agentToken: options.agentToken!, refreshMs: options.refreshMs });
}
