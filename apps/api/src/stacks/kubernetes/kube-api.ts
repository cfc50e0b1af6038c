import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, type V1Deployment, type V1Pod } from '@kubernetes/client-node';

/**
 * The few Kubernetes calls the target makes, behind one small adapter: pods (list, delete) and
 * deployments (read, patch, scale subresource). Anything else would need more RBAC than the Role
 * in deploy/k8s grants, so it does not belong here.
 */
export interface KubeApi {
  listPods(namespace: string, labelSelector: string): Promise<V1Pod[]>;
  /** Deletes a pod at once (grace period 0), as a node failure would; its ReplicaSet replaces it. */
  deletePod(namespace: string, name: string): Promise<void>;
  readDeployment(namespace: string, name: string): Promise<V1Deployment>;
  readScale(namespace: string, name: string): Promise<number>;
  patchScale(namespace: string, name: string, replicas: number): Promise<void>;
  /** `kubectl rollout restart`: a new pod-template annotation makes the Deployment replace its pods. */
  restartDeployment(namespace: string, name: string, at: Date): Promise<void>;
}

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

export interface KubeConfigSource {
  /** A kubeconfig file (KUBECONFIG); without it, in-cluster config in a pod, else ~/.kube/config. */
  kubeconfigPath?: string;
}

/** Loads the client configuration: the file when given, in-cluster inside a pod, else the default chain. */
export function loadKubeConfig(source: KubeConfigSource): KubeConfig {
  const config = new KubeConfig();
  if (source.kubeconfigPath) config.loadFromFile(source.kubeconfigPath);
  else if (process.env.KUBERNETES_SERVICE_HOST) config.loadFromCluster();
  else config.loadFromDefault();
  return config;
}

// JSON merge patches: the generated client would otherwise send application/json-patch+json.
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export function kubeApiFrom(config: KubeConfig): KubeApi {
  const core = config.makeApiClient(CoreV1Api);
  const apps = config.makeApiClient(AppsV1Api);
  return {
    async listPods(namespace, labelSelector) {
      return (await core.listNamespacedPod({ namespace, labelSelector })).items;
    },
    async deletePod(namespace, name) {
      await core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 });
    },
    readDeployment: (namespace, name) => apps.readNamespacedDeployment({ namespace, name }),
    async readScale(namespace, name) {
      return (await apps.readNamespacedDeploymentScale({ namespace, name })).spec?.replicas ?? 0;
    },
    async patchScale(namespace, name, replicas) {
      await apps.patchNamespacedDeploymentScale({ namespace, name, body: { spec: { replicas } } }, mergePatch);
    },
    async restartDeployment(namespace, name, at) {
      const body = { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: at.toISOString() } } } } };
      await apps.patchNamespacedDeployment({ namespace, name, body }, mergePatch);
    },
  };
}

/** A readable reason from a client error: the API's Status message when there is one. */
export function kubeErrorMessage(error: unknown): string {
  const failure = error as { code?: number; body?: unknown; message?: string };
  if (typeof failure.code === 'number') {
    let message: string | undefined;
    try {
      const body = typeof failure.body === 'string' ? (JSON.parse(failure.body) as { message?: string }) : (failure.body as { message?: string } | undefined);
      message = body?.message;
    } catch {
      message = undefined;
    }
    const hint = failure.code === 403 ? ' (check the Role and RoleBinding from deploy/k8s/rbac.yaml)' : '';
    return `Kubernetes API answered ${failure.code}: ${message ?? failure.message ?? 'no message'}${hint}`;
  }
  return (error as Error).message;
}
