import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_OPTIONS, type AppOptions } from '../config/app-options.js';
import { DrillDirectory } from './drill-directory.js';
import type { Role } from './roles.js';

export interface Principal {
  role: Role;
  name: string;
  /** Set for a drill participant (join-link token): the one drill this credential may touch. */
  drillId?: string;
}

/**
 * Holds the credentials. The facilitator token comes from FIREDRILL_ADMIN_TOKEN (via options) or
 * is generated on first run and kept in the data directory, readable by its owner only.
 */
@Injectable()
export class TokenService {
  readonly adminToken: string;

  constructor(
    @Inject(APP_OPTIONS) options: AppOptions,
    @Optional() private readonly drills?: DrillDirectory,
  ) {
    this.adminToken = options.adminToken ?? loadOrCreate(join(options.dataDir, 'admin-token'));
  }

  /** The facilitator credential, or a drill participant's join-link token. */
  authenticate(token: string | undefined): Principal | undefined {
    if (!token) return undefined;
    if (sameSecret(token, this.adminToken)) return { role: 'facilitator', name: 'admin' };
    const participant = this.drills?.participantByToken(token);
    return participant ? { role: participant.role, name: participant.name, drillId: participant.drillId } : undefined;
  }

  /** The stack of a participant's drill, for routes scoped to one stack. */
  stackOfDrill(drillId: string): string | undefined {
    return this.drills?.stackIdOf(drillId);
  }
}

function loadOrCreate(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(join(path, '..'), { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return token;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
