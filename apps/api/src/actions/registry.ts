import { cacheEvictionPolicyAction } from './kinds/cache-eviction-policy.js';
import { cacheFlushAction } from './kinds/cache-flush.js';
import { cacheWarmAction } from './kinds/cache-warm.js';
import { poolKillQueriesAction } from './kinds/pool-kill-queries.js';
import { restoreIndexAction } from './kinds/restore-index.js';
import { restartAction } from './kinds/restart.js';
import { rollbackAction } from './kinds/rollback.js';
import { scaleAction } from './kinds/scale.js';
import { setConfigAction } from './kinds/set-config.js';
import type { ResponderAction } from './responder-action.js';

/**
 * The responder allow-list, in one explicit map. Adding an action: a file in kinds/, a line here,
 * a test beside it, a row in the README's "Responder actions" table.
 */
export const RESPONDER_ACTIONS: Readonly<Record<string, ResponderAction<any>>> = {
  scale: scaleAction,
  restart: restartAction,
  rollback: rollbackAction,
  'set-config': setConfigAction,
  'cache-flush': cacheFlushAction,
  'cache-warm': cacheWarmAction,
  'pool-kill-queries': poolKillQueriesAction,
  'cache-eviction-policy': cacheEvictionPolicyAction,
  'restore-index': restoreIndexAction,
};

export const ACTION_NAMES: readonly string[] = Object.keys(RESPONDER_ACTIONS);

export function findResponderAction(name: string): ResponderAction<any> | undefined {
  return Object.hasOwn(RESPONDER_ACTIONS, name) ? RESPONDER_ACTIONS[name] : undefined;
}
