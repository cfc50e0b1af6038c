import { randomUUID } from 'node:crypto';
import type { Clock } from '@firedrill/clock';
import { z } from 'zod';
import { ValidationError, describeIssues } from '../common/zod-issues.js';
import { matchesAll, parseMatcher, type CompiledMatcher } from './matchers.js';
import { parseTimestamp } from './timestamps.js';

export type SilenceState = 'pending' | 'active' | 'expired';

export interface Silence {
  id: string;
  /** As given, e.g. `service="checkout"`. */
  matchers: string[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  updatedAt: number;
}

export interface SilenceView extends Silence {
  state: SilenceState;
}

const timestamp = z.union([z.number(), z.string()]).transform((value, context) => {
  const ms = parseTimestamp(value);
  if (ms === undefined || Number.isNaN(ms)) {
    context.addIssue({ code: 'custom', message: 'expected an RFC 3339 timestamp or epoch milliseconds' });
    return z.NEVER;
  }
  return ms;
});

export const SilenceInputSchema = z
  .object({
    matchers: z.array(z.string()).min(1, 'a silence needs at least one matcher'),
    startsAt: timestamp.optional(),
    endsAt: timestamp,
    createdBy: z.string().min(1),
    comment: z.string().min(1),
  })
  .strict();

export type SilenceInput = z.input<typeof SilenceInputSchema>;

/**
 * Silences as Alertmanager keeps them: pending until `startsAt`, active until `endsAt`, then
 * expired (kept for listing). An alert matching every matcher of an active silence is muted.
 */
export class SilenceStore {
  private readonly silences = new Map<string, { silence: Silence; matchers: CompiledMatcher[] }>();

  constructor(
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {}

  create(input: SilenceInput): SilenceView {
    const now = this.clock.now();
    const parsed = SilenceInputSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError('silence', describeIssues(parsed.error));
    const problems: string[] = [];
    const matchers: CompiledMatcher[] = [];
    parsed.data.matchers.forEach((text, index) => {
      try {
        matchers.push(parseMatcher(text));
      } catch (error) {
        problems.push(`matchers[${index}]: ${(error as Error).message}`);
      }
    });
    // Like Alertmanager: a silence whose matchers all match the empty label set would mute everything.
    if (problems.length === 0 && matchers.every((matcher) => matcher.matches({}))) {
      problems.push('matchers: at least one matcher must not match the empty string');
    }
    const startsAt = Math.max(parsed.data.startsAt ?? now, now);
    if (parsed.data.endsAt <= now) problems.push('endsAt: the end time is in the past');
    else if (parsed.data.endsAt <= startsAt) problems.push('endsAt: the end time must be after the start time');
    if (problems.length > 0) throw new ValidationError('silence', problems);

    const silence: Silence = { id: this.newId(), ...parsed.data, startsAt, updatedAt: now };
    this.silences.set(silence.id, { silence, matchers });
    return this.view(silence, now);
  }

  /** Ends a silence now; a pending one never starts. Throws for unknown or already expired ids. */
  expire(id: string): SilenceView {
    const now = this.clock.now();
    const entry = this.silences.get(id);
    if (!entry) throw new Error(`silence ${id} not found`);
    const state = silenceState(entry.silence, now);
    if (state === 'expired') throw new Error(`silence ${id} is already expired`);
    if (state === 'pending') entry.silence.startsAt = now;
    entry.silence.endsAt = now;
    entry.silence.updatedAt = now;
    return this.view(entry.silence, now);
  }

  get(id: string): SilenceView | undefined {
    const entry = this.silences.get(id);
    return entry && this.view(entry.silence, this.clock.now());
  }

  list(): SilenceView[] {
    const now = this.clock.now();
    return [...this.silences.values()].map((entry) => this.view(entry.silence, now));
  }

  /** Ids of the active silences that mute an alert with these labels at `nowMs`. */
  silencedBy(labels: Readonly<Record<string, string>>, nowMs: number): string[] {
    const ids: string[] = [];
    for (const { silence, matchers } of this.silences.values()) {
      if (silenceState(silence, nowMs) === 'active' && matchesAll(matchers, labels)) ids.push(silence.id);
    }
    return ids;
  }

  private view(silence: Silence, now: number): SilenceView {
    return { ...silence, matchers: [...silence.matchers], state: silenceState(silence, now) };
  }
}

export function silenceState(silence: Pick<Silence, 'startsAt' | 'endsAt'>, nowMs: number): SilenceState {
  if (nowMs < silence.startsAt) return 'pending';
  if (nowMs < silence.endsAt) return 'active';
  return 'expired';
}
