import { readdirSync, readFileSync } from 'node:fs';
import { DEMO_SHOP } from '@firedrill/scenarios';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { demoSelector } from './pod-view.js';

// The manifests in deploy/k8s must fit what the kubernetes target does: the labels it selects
// pods by, the Deployment names it patches, the agent port and token, and a Role that grants
// exactly the verbs it uses (and nothing cluster-wide).
const DIR = new URL('../../../../../deploy/k8s/', import.meta.url);
const NAMESPACE = 'firedrill-demo';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: any;
}

const files = readdirSync(DIR).filter((name) => name.endsWith('.yaml'));
const manifests: Manifest[] = files
  .filter((name) => name !== 'kustomization.yaml')
  .flatMap((name) =>
    parseAllDocuments(readFileSync(new URL(name, DIR), 'utf8')).map((document) => {
      if (document.errors.length > 0) throw new Error(`${name}: ${document.errors.map((error) => error.message).join('; ')}`);
      return document.toJS() as Manifest;
    }),
  )
  .filter((manifest) => manifest !== null);
const find = (kind: string, name: string): Manifest => {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/k8s`);
  return found;
};
const matches = (selector: string, labels: Record<string, string> | undefined): boolean =>
  selector.split(',').every((part) => {
    const [key, value] = part.split('=');
    return labels?.[key!] === value;
  });
const env = (container: any, name: string): any => container.env.find((entry: { name: string }) => entry.name === name);

describe('deploy/k8s manifests', () => {
  it('parse, are all listed in the kustomization, and hold the expected kinds in the demo namespace only', () => {
    const kustomization = parseAllDocuments(readFileSync(new URL('kustomization.yaml', DIR), 'utf8'))[0]!.toJS() as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual(files.filter((name) => name !== 'kustomization.yaml').sort());
    const kinds = manifests.map((manifest) => manifest.kind).sort();
    expect(kinds).toEqual(['Deployment', 'Deployment', 'Deployment', 'Deployment', 'Deployment', 'Namespace', 'Role', 'RoleBinding', 'Secret', 'Secret', 'Service', 'Service', 'Service', 'Service', 'Service', 'ServiceAccount']);
    expect(kinds.filter((kind) => kind.startsWith('Cluster'))).toEqual([]);
    for (const manifest of manifests.filter((candidate) => candidate.kind !== 'Namespace')) expect(manifest.metadata.namespace, `${manifest.kind} ${manifest.metadata.name}`).toBe(NAMESPACE);
    expect(find('Namespace', NAMESPACE).metadata.name).toBe(NAMESPACE);
  });

  it.each(DEMO_SHOP.map((spec) => [spec.name, spec] as const))('%s: a Deployment and a Service the target selects, running the replica with its agent', (name, spec) => {
    const deployment = find('Deployment', name);
    const selector = demoSelector(name);
    expect(matches(selector, deployment.spec.selector.matchLabels)).toBe(true);
    expect(matches(selector, deployment.spec.template.metadata.labels)).toBe(true);
    expect(matches(demoSelector(), deployment.spec.template.metadata.labels)).toBe(true);
    expect(deployment.spec.replicas).toBe(spec.defaultReplicas);
    const [container] = deployment.spec.template.spec.containers;
    expect(container.command).toEqual(['node', 'apps/demo-stack/dist/main.js']);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080 }]);
    expect(env(container, 'FIREDRILL_SERVICE').value).toBe(name);
    expect(env(container, 'PORT').value).toBe('8080');
    expect(env(container, 'FIREDRILL_HOST').value).toBe('0.0.0.0');
    expect(env(container, 'FIREDRILL_AGENT_TOKEN').valueFrom.secretKeyRef).toEqual({ name: 'firedrill-agent-token', key: 'token' });
    const upstreams = env(container, 'FIREDRILL_UPSTREAMS');
    expect(upstreams ? JSON.parse(upstreams.value) : {}).toEqual(Object.fromEntries(spec.downstream.map((downstream) => [downstream, [`http://${downstream}:8080`]])));
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    const service = find('Service', name);
    expect(matches(selector, service.spec.selector)).toBe(true);
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http' }]);
  });

  it('grants Firedrill exactly the verbs the target uses, in the demo namespace, to its own service account', () => {
    const role = find('Role', 'firedrill-chaos');
    const grants = role.rules.flatMap((rule: { apiGroups: string[]; resources: string[]; verbs: string[] }) =>
      rule.apiGroups.flatMap((group) => rule.resources.map((resource) => [`${group}/${resource}`, [...rule.verbs].sort()])),
    );
    expect(Object.fromEntries(grants)).toEqual({
      '/pods': ['delete', 'get', 'list', 'watch'],
      'apps/deployments': ['get', 'list', 'patch'],
      'apps/deployments/scale': ['get', 'patch', 'update'],
    });
    expect(grants).toHaveLength(3);
    const binding = find('RoleBinding', 'firedrill-chaos');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'firedrill-chaos' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'firedrill', namespace: NAMESPACE }]);
    expect(find('ServiceAccount', 'firedrill').metadata.namespace).toBe(NAMESPACE);
  });

  it('runs Firedrill under that account, allowed in the demo namespace, with the agent token, and outside the demo selector', () => {
    const deployment = find('Deployment', 'firedrill');
    const pod = deployment.spec.template;
    expect(pod.spec.serviceAccountName).toBe('firedrill');
    expect(matches(demoSelector(), pod.metadata.labels)).toBe(false);
    const [container] = pod.spec.containers;
    expect(env(container, 'FIREDRILL_K8S_NAMESPACES').value.split(',')).toEqual([NAMESPACE]);
    expect(env(container, 'FIREDRILL_K8S_AGENT_TOKEN').valueFrom.secretKeyRef).toEqual({ name: 'firedrill-agent-token', key: 'token' });
    const profile = JSON.parse(container.args[container.args.indexOf('--stack-profile') + 1]);
    expect(profile.target).toEqual({ kind: 'kubernetes', namespace: NAMESPACE });
    expect(matches('app.kubernetes.io/part-of=firedrill,app.kubernetes.io/name=firedrill', find('Service', 'firedrill').spec.selector)).toBe(true);
    for (const secret of manifests.filter((manifest) => manifest.kind === 'Secret')) expect(secret.stringData.token.length).toBeGreaterThanOrEqual(16);
  });
});
