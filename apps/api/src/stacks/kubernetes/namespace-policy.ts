import { AppError } from '../../common/errors.js';

/** The variable that lists the namespaces Firedrill may touch; without it the kubernetes target is off. */
export const NAMESPACES_VARIABLE = 'FIREDRILL_K8S_NAMESPACES';

/** The cluster's own namespaces: never a drill's, whatever the allow-list says. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

/** A Kubernetes namespace name (RFC 1123 label). */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Parses FIREDRILL_K8S_NAMESPACES (comma- or space-separated); empty means none allowed. */
export function parseNamespaceList(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(/[\s,]+/).filter((name) => name !== ''))];
}

/**
 * The one check every Kubernetes stack passes before Firedrill sends the cluster anything
 * (safety invariant 5: faults touch only allow-listed namespaces). Throws a 400 when the list is
 * missing or the name is malformed, a 403 for a system namespace or one not on the list.
 */
export function checkNamespace(namespace: string, allowed: readonly string[] | undefined): string {
  if (!allowed || allowed.length === 0) {
    throw new AppError('invalid_request', `the kubernetes target is off: start Firedrill with ${NAMESPACES_VARIABLE} listing the namespaces drills may use`, [
      { field: 'target.namespace', message: `${NAMESPACES_VARIABLE} is not set` },
    ]);
  }
  if (!NAMESPACE_NAME.test(namespace)) {
    throw AppError.invalid([{ field: 'target.namespace', message: `"${namespace}" is not a Kubernetes namespace name` }]);
  }
  if (SYSTEM_NAMESPACES.includes(namespace)) {
    throw new AppError('forbidden', `namespace "${namespace}" is a system namespace; Firedrill never touches ${SYSTEM_NAMESPACES.join(', ')}`);
  }
  if (!allowed.includes(namespace)) {
    throw new AppError('forbidden', `namespace "${namespace}" is not in ${NAMESPACES_VARIABLE} (allowed: ${allowed.join(', ')})`);
  }
  return namespace;
}
