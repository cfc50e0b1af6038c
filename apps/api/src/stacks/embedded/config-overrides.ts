import type { ServiceConfigPatch } from '@firedrill/demo-stack/protocol';

/** Merges a settings change into the overrides a service has so far (later values win, per key). */
export function mergeConfig(current: ServiceConfigPatch | undefined, patch: ServiceConfigPatch): ServiceConfigPatch {
  const merged: ServiceConfigPatch = { ...current };
  if (patch.cache) merged.cache = { ...current?.cache, ...patch.cache };
  if (patch.pool) merged.pool = { ...current?.pool, ...patch.pool };
  return merged;
}
