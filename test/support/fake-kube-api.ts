import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Kubernetes API server, on loopback: the REST paths and object shapes that
 * @kubernetes/client-node sends and expects for pods (list by label selector, get, delete) and
 * deployments (get, merge patch, scale subresource). Deployments act like a Deployment and its
 * ReplicaSet at once: a deleted pod is replaced at once, a new replica count or a new pod template
 * (rollout restart) creates and removes pods. No cluster is needed; nothing else is implemented.
 *
 * Each pod's IP and port come from `addressOf`, so a "pod" can point at a real demo-stack replica
 * on loopback and Firedrill's calls to its chaos agent really reach one. Every request is recorded.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  body: unknown;
}

export interface FakePod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ip: string;
  port: number;
  createdAt: string;
  /** The deployment's template generation it was created from. */
  templateHash: string;
}

export interface FakeDeployment {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  replicas: number;
  generation: number;
  port: number;
  templateAnnotations: Record<string, string>;
}

export interface FakeKubeOptions {
  /** Namespace → deployment name → replicas. Each deployment's pods carry the demo labels. */
  deployments: Record<string, Record<string, number>>;
  /** The bearer token the fake accepts. */
  token: string;
  /** Where a new pod of `deployment` "listens"; the default is a closed loopback port. */
  addressOf?: (deployment: FakeDeployment) => { ip: string; port: number };
  /** Labels of the pods and deployments; default: part-of firedrill-demo and name = the deployment. */
  labelsOf?: (namespace: string, name: string) => Record<string, string>;
}

export class FakeKubeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly pods = new Map<string, FakePod>();
  private readonly deploymentsByKey = new Map<string, FakeDeployment>();
  private server!: Server;
  private port = 0;

  private constructor(private readonly options: FakeKubeOptions) {}

  static async start(options: FakeKubeOptions): Promise<FakeKubeApi> {
    const fake = new FakeKubeApi(options);
    for (const [namespace, deployments] of Object.entries(options.deployments)) {
      for (const [name, replicas] of Object.entries(deployments)) {
        const labels = options.labelsOf?.(namespace, name) ?? { 'app.kubernetes.io/part-of': 'firedrill-demo', 'app.kubernetes.io/name': name };
        const deployment: FakeDeployment = { namespace, name, labels, replicas, generation: 1, port: 8080, templateAnnotations: {} };
        fake.deploymentsByKey.set(`${namespace}/${name}`, deployment);
        fake.reconcile(deployment);
      }
    }
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Writes a kubeconfig for this server (plain http, so insecure-skip-tls-verify; bearer token) and answers its path. */
  writeKubeconfig(path: string, token = this.options.token): string {
    const text = [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: fake',
      '  cluster:',
      `    server: ${this.url}`,
      // client-node refuses plain http unless TLS verification is off; the fake has no TLS.
      '    insecure-skip-tls-verify: true',
      'users:',
      '- name: firedrill',
      '  user:',
      `    token: ${token}`,
      'contexts:',
      '- name: fake',
      '  context:',
      '    cluster: fake',
      '    user: firedrill',
      'current-context: fake',
      '',
    ].join('\n');
    writeFileSync(path, text);
    return path;
  }

  podsOf(namespace: string, name?: string): FakePod[] {
    return [...this.pods.values()].filter((pod) => pod.namespace === namespace && (!name || pod.labels['app.kubernetes.io/name'] === name));
  }

  deployment(namespace: string, name: string): FakeDeployment | undefined {
    return this.deploymentsByKey.get(`${namespace}/${name}`);
  }

  /** Requests that reached the fake, optionally only those for one namespace. */
  requestsIn(namespace?: string): RecordedRequest[] {
    return namespace ? this.requests.filter((request) => request.path.includes(`/namespaces/${namespace}/`)) : this.requests;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return send(res, 400, status(400, 'BadRequest', 'body is not JSON'));
    }
    const contentType = req.headers['content-type']?.split(';')[0];
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), contentType, body });
    if (req.headers.authorization !== `Bearer ${this.options.token}`) return send(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    try {
      const [code, answer] = this.route(req.method ?? 'GET', url, contentType, body);
      send(res, code, answer);
    } catch (error) {
      send(res, 500, status(500, 'InternalError', (error as Error).message));
    }
  }

  private route(method: string, url: URL, contentType: string | undefined, body: unknown): [number, unknown] {
    const path = url.pathname;
    let match = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(path);
    if (match && method === 'GET') {
      const selector = parseSelector(url.searchParams.get('labelSelector') ?? '');
      if (!selector) return [400, status(400, 'BadRequest', 'unable to parse requirement: only k=v selectors are implemented')];
      const items = this.podsOf(match[1]!).filter((pod) => Object.entries(selector).every(([key, value]) => pod.labels[key] === value));
      return [200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: String(this.requests.length) }, items: items.map((pod) => this.podObject(pod)) }];
    }
    match = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/.exec(path);
    if (match) {
      const key = `${match[1]}/${match[2]}`;
      const pod = this.pods.get(key);
      if (!pod) return [404, status(404, 'NotFound', `pods "${match[2]}" not found`)];
      if (method === 'GET') return [200, this.podObject(pod)];
      if (method === 'DELETE') {
        this.pods.delete(key);
        // The ReplicaSet notices at once and creates a replacement.
        const owner = this.deploymentsByKey.get(`${pod.namespace}/${pod.labels['app.kubernetes.io/name']}`);
        if (owner) this.reconcile(owner);
        return [200, this.podObject(pod)];
      }
    }
    match = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)(\/scale)?$/.exec(path);
    if (match) {
      const deployment = this.deploymentsByKey.get(`${match[1]}/${match[2]}`);
      if (!deployment) return [404, status(404, 'NotFound', `deployments.apps "${match[2]}" not found`)];
      const scale = match[3] !== undefined;
      if (method === 'GET') return [200, scale ? this.scaleObject(deployment) : this.deploymentObject(deployment)];
      if (method === 'PATCH' && contentType !== 'application/merge-patch+json' && contentType !== 'application/strategic-merge-patch+json') {
        return [415, status(415, 'UnsupportedMediaType', `the fake implements merge patches only, got ${contentType}`)];
      }
      if (scale && (method === 'PATCH' || method === 'PUT')) {
        const replicas = (body as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
        if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) return [422, status(422, 'Invalid', 'spec.replicas must be a non-negative integer')];
        deployment.replicas = replicas;
        this.reconcile(deployment);
        return [200, this.scaleObject(deployment)];
      }
      if (!scale && method === 'PATCH') {
        const patch = body as { spec?: { replicas?: number; template?: { metadata?: { annotations?: Record<string, string | null> } } } };
        const annotations = patch.spec?.template?.metadata?.annotations;
        if (annotations) {
          for (const [key, value] of Object.entries(annotations)) {
            if (value === null) delete deployment.templateAnnotations[key];
            else deployment.templateAnnotations[key] = value;
          }
          // A new pod template: a rollout replaces every pod (here at once, all new pods ready).
          deployment.generation++;
          for (const pod of this.podsOf(deployment.namespace, deployment.name)) this.pods.delete(`${pod.namespace}/${pod.name}`);
        }
        if (typeof patch.spec?.replicas === 'number') deployment.replicas = patch.spec.replicas;
        this.reconcile(deployment);
        return [200, this.deploymentObject(deployment)];
      }
    }
    return [404, status(404, 'NotFound', `the fake Kubernetes API does not serve ${method} ${path}`)];
  }

  /** Creates or removes (newest first) pods until the deployment has its replica count. */
  private reconcile(deployment: FakeDeployment): void {
    const pods = this.podsOf(deployment.namespace, deployment.name).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
    for (const extra of pods.slice(deployment.replicas)) this.pods.delete(`${extra.namespace}/${extra.name}`);
    for (let count = pods.length; count < deployment.replicas; count++) {
      const address = this.options.addressOf?.(deployment) ?? { ip: '127.0.0.1', port: 1 };
      const templateHash = `g${deployment.generation}`;
      const name = `${deployment.name}-${templateHash}-${randomBytes(3).toString('hex')}`;
      this.pods.set(`${deployment.namespace}/${name}`, {
        name,
        namespace: deployment.namespace,
        labels: { ...deployment.labels, 'pod-template-hash': templateHash },
        ip: address.ip,
        port: address.port,
        createdAt: new Date().toISOString(),
        templateHash,
      });
    }
  }

  private podObject(pod: FakePod): unknown {
    return {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: pod.name, namespace: pod.namespace, labels: pod.labels, creationTimestamp: pod.createdAt, uid: `uid-${pod.name}` },
      spec: { containers: [{ name: 'app', image: 'firedrill:dev', ports: [{ name: 'http', containerPort: pod.port, protocol: 'TCP' }] }] },
      status: {
        phase: 'Running',
        podIP: pod.ip,
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'firedrill:dev', imageID: 'firedrill@sha256:0', state: { running: { startedAt: pod.createdAt } } }],
      },
    };
  }

  private deploymentObject(deployment: FakeDeployment): unknown {
    const pods = this.podsOf(deployment.namespace, deployment.name).length;
    return {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: deployment.name, namespace: deployment.namespace, labels: deployment.labels, generation: deployment.generation },
      spec: {
        replicas: deployment.replicas,
        selector: { matchLabels: deployment.labels },
        template: {
          metadata: { labels: deployment.labels, annotations: deployment.templateAnnotations },
          spec: { containers: [{ name: 'app', image: 'firedrill:dev', ports: [{ name: 'http', containerPort: deployment.port }] }] },
        },
      },
      status: { observedGeneration: deployment.generation, replicas: pods, updatedReplicas: pods, readyReplicas: pods, availableReplicas: pods },
    };
  }

  private scaleObject(deployment: FakeDeployment): unknown {
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: deployment.name, namespace: deployment.namespace },
      spec: { replicas: deployment.replicas },
      status: { replicas: this.podsOf(deployment.namespace, deployment.name).length, selector: Object.entries(deployment.labels).map(([k, v]) => `${k}=${v}`).join(',') },
    };
  }
}

function parseSelector(text: string): Record<string, string> | undefined {
  const selector: Record<string, string> = {};
  for (const part of text.split(',').filter((item) => item !== '')) {
    const match = /^([^=!\s]+)==?([^=!\s]*)$/.exec(part.trim());
    if (!match) return undefined;
    selector[match[1]!] = match[2]!;
  }
  return selector;
}

function status(code: number, reason: string, message: string): unknown {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function send(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
