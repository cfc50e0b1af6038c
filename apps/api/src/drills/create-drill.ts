import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Role } from './timeline.js';

/** A team as the scoreboard groups drills: `payments-oncall`, `SRE EMEA`. */
export const teamName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, 'letters, digits, space, . _ -; at most 64 characters');

const participantName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, 'letters, digits, space, . _ -; at most 64 characters');

/** `POST /api/drills`: a scenario of the catalogue, the drill clock's speed, who responds. */
export const CreateDrillInputSchema = z
  .object({
    scenario: z.string().min(1).describe('a scenario id of the catalogue'),
    speed: z.number().min(0.1).max(1000).default(1).describe('drill clock speed: 1 for a real drill, higher for tests and CI'),
    team: teamName.optional().describe('the team the drill counts for on the scoreboard'),
    responders: z
      .array(z.union([participantName, z.object({ name: participantName, role: z.enum(['responder', 'observer']) }).strict()]))
      .min(1)
      .max(20)
      .default(['responder'])
      .describe('names (responders) or {name, role}; each gets a join link; an observer link is added when none is asked for')
      .refine((list) => new Set(list.map((entry) => (typeof entry === 'string' ? entry : entry.name))).size === list.length, 'names must be unique'),
    // A game day's drills are marked by the scheduler itself; a request may only say manual or gate.
    origin: z.enum(['manual', 'gate']).optional().describe('gate: an unattended CI run (`firedrill gate`), left off the scoreboard by default'),
  })
  .strict();
export type CreateDrillInput = z.input<typeof CreateDrillInputSchema>;

/** Set by the code that creates a drill on someone's behalf (a game day, the gate), never by a request body. */
export interface DrillProvenance {
  origin: 'manual' | 'gameday' | 'gate';
  gameDayRunId?: string;
}

export interface JoinLink {
  name: string;
  role: Exclude<Role, 'facilitator'>;
  /** The participant's bearer token; shown once, stored only as a hash. */
  token: string;
}

/** Who joins a drill: the named responders, plus one observer unless one was named. */
export function participantsOf(responders: ReadonlyArray<string | { name: string; role: 'responder' | 'observer' }>): Array<Omit<JoinLink, 'token'>> {
  const named = responders.map((entry) => (typeof entry === 'string' ? { name: entry, role: 'responder' as const } : entry));
  if (named.some((participant) => participant.role === 'observer')) return named;
  const taken = new Set(named.map((participant) => participant.name));
  let observer = 'observer';
  for (let n = 2; taken.has(observer); n++) observer = `observer-${n}`;
  return [...named, { name: observer, role: 'observer' }];
}

/** 24 random bytes, URL-safe: long enough that a plain hash protects it at rest. */
export function newParticipantToken(): string {
  return randomBytes(24).toString('base64url');
}

export function newDrillId(): string {
  return `drl-${randomBytes(6).toString('hex')}`;
}
