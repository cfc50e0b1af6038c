import { createHash } from 'node:crypto';

/**
 * Participant tokens are random and long, so a plain SHA-256 (no salt, no stretching) is enough
 * to keep them out of the file and still look them up by index.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
