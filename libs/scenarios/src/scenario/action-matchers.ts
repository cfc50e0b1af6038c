import type { ActionMatcher, RobotAction } from './schema.js';
import { unknownName, type VocabularyIndex } from './vocabulary.js';

export type Report = (path: (string | number)[], message: string, options?: { atKey?: boolean }) => void;

interface ShapedSchema {
  shape: Record<string, { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } }>;
}

/**
 * Checks an action matcher against the responder allow-list: the action exists, the service is
 * a demo-shop service, and each constrained parameter is one the action takes (with an exact
 * value that the parameter accepts). `path` is the matcher's own path.
 */
export function checkActionMatcher(matcher: ActionMatcher, path: (string | number)[], vocabulary: VocabularyIndex, report: Report): void {
  if (!vocabulary.hasAction(matcher.action)) {
    report([...path, 'action'], `${unknownName('action', matcher.action, vocabulary.actionNames())}; actions: ${vocabulary.actionNames().join(', ')}`);
    return;
  }
  if (matcher.service !== undefined && !vocabulary.hasService(matcher.service)) {
    report([...path, 'service'], unknownName('service', matcher.service, vocabulary.services));
  }
  const schema = vocabulary.actionParams(matcher.action) as unknown;
  if (!isShaped(schema) || !matcher.params) return;
  for (const [key, constraint] of Object.entries(matcher.params)) {
    const [head] = key.split('.');
    const field = schema.shape[head!];
    if (!field) {
      const known = Object.keys(schema.shape);
      report([...path, 'params', key], `${unknownName(`parameter of ${matcher.action}`, key, known)}; it takes: ${known.join(', ')}`, { atKey: true });
      continue;
    }
    // An exact value must be one the action accepts; comparisons are checked when the drill runs.
    if (head === key && (typeof constraint !== 'object' || constraint === null)) {
      const result = field.safeParse(constraint);
      if (!result.success) {
        report([...path, 'params', key], `${JSON.stringify(constraint)} is not a valid ${key} for ${matcher.action}: ${result.error?.issues[0]?.message ?? 'rejected'}`);
      }
    }
  }
}

function isShaped(schema: unknown): schema is ShapedSchema {
  return typeof schema === 'object' && schema !== null && 'shape' in schema && typeof (schema as ShapedSchema).shape === 'object';
}

interface ParsingSchema {
  safeParse(value: unknown): { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } };
}

/** A robot's action must be one the API would accept as it stands: a known action and service, parameters its schema takes. */
export function checkRobotAction(action: RobotAction, path: (string | number)[], vocabulary: VocabularyIndex, report: Report): void {
  if (!vocabulary.hasAction(action.action)) {
    report([...path, 'action'], `${unknownName('action', action.action, vocabulary.actionNames())}; actions: ${vocabulary.actionNames().join(', ')}`);
    return;
  }
  if (action.service !== undefined && !vocabulary.hasService(action.service)) report([...path, 'service'], unknownName('service', action.service, vocabulary.services));
  const schema = vocabulary.actionParams(action.action) as unknown;
  if (typeof schema !== 'object' || schema === null || typeof (schema as ParsingSchema).safeParse !== 'function') return;
  // As the actions route does: the envelope's service joins the parameters before they are checked.
  const merged = { ...action.params, ...(action.service === undefined ? {} : { service: action.service }) };
  const result = (schema as ParsingSchema).safeParse(merged);
  for (const issue of result.success ? [] : (result.error?.issues ?? [])) {
    const field = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    report(field[0] === 'service' && action.service !== undefined ? [...path, 'service'] : [...path, 'params', ...field], issue.message);
  }
}
