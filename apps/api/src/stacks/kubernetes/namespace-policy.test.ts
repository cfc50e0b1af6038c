import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors.js';
import { checkNamespace, parseNamespaceList } from './namespace-policy.js';

function refusal(namespace: string, allowed: string[] | undefined): AppError {
  try {
    checkNamespace(namespace, allowed);
  } catch (error) {
    return error as AppError;
  }
  throw new Error(`"${namespace}" was accepted`);
}

describe('namespace allow-list', () => {
  it('parses comma- and space-separated lists, without duplicates or blanks', () => {
    expect(parseNamespaceList(' firedrill-demo, team-a  team-a,,')).toEqual(['firedrill-demo', 'team-a']);
    expect(parseNamespaceList(undefined)).toEqual([]);
  });

  it('accepts a listed namespace', () => {
    expect(checkNamespace('firedrill-demo', ['firedrill-demo'])).toBe('firedrill-demo');
  });

  it('refuses everything when the variable is missing, naming it', () => {
    const error = refusal('firedrill-demo', undefined);
    expect(error.status).toBe(400);
    expect(error.message).toContain('FIREDRILL_K8S_NAMESPACES');
    expect(refusal('firedrill-demo', []).status).toBe(400);
  });

  it('refuses system namespaces even when listed', () => {
    for (const namespace of ['kube-system', 'kube-public', 'kube-node-lease']) {
      const error = refusal(namespace, [namespace, 'firedrill-demo']);
      expect(error.status).toBe(403);
      expect(error.message).toContain('system namespace');
    }
  });

  it('refuses an unlisted namespace and a malformed name', () => {
    const unlisted = refusal('default', ['firedrill-demo']);
    expect(unlisted.status).toBe(403);
    expect(unlisted.message).toContain('not in FIREDRILL_K8S_NAMESPACES');
    expect(refusal('Bad_Name', ['Bad_Name']).status).toBe(400);
  });
});
