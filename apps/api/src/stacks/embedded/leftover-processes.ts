import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** A tag on every replica's command line naming the API data directory that owns it. */
export function ownerTag(dataDir: string): string {
  return `--firedrill-owner=${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
}

/**
 * Kills replica processes that a previous, crashed API with the same data directory left
 * behind. They normally exit by themselves when their supervisor's pipe closes; this is the
 * second line of defence. Linux only (it reads /proc); elsewhere it finds nothing.
 */
export function killLeftoverReplicas(dataDir: string): number[] {
  const tag = ownerTag(dataDir);
  const killed: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return killed;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!args.includes(tag)) continue;
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // the process ended meanwhile, or is not ours to read
    }
  }
  return killed;
}
