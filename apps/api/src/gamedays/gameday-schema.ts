import { z } from 'zod';
import { teamName } from '../drills/create-drill.js';

/**
 * A game day as a facilitator defines it (`POST /api/gamedays`, `PUT /api/gamedays/:id`). This
 * schema is the type, the validation (400 naming the field) and the OpenAPI description. What
 * zod cannot check (scenario ids against the catalogue, the cron expression, the time zone) the
 * service checks before anything is stored.
 */

const duration = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'a duration such as 30s, 5m or 1h30m');
const scenarioId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a scenario id of the catalogue');
const participantName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, 'letters, digits, space, . _ -; at most 64 characters');

export const GameDayParticipantSchema = z
  .object({ name: participantName, role: z.enum(['responder', 'observer']).default('responder') })
  .strict();
export type GameDayParticipant = z.infer<typeof GameDayParticipantSchema>;

/** The same scenarios every time, in this order. */
export const FixedPlanSchema = z
  .object({ kind: z.literal('fixed'), scenarios: z.array(scenarioId).min(1).max(8) })
  .strict();

/**
 * The wheel of misfortune: `draws` scenarios drawn at random without repetition from `pool` (the
 * whole catalogue when absent), weighted by difficulty and towards what the team drilled least.
 */
export const WheelPlanSchema = z
  .object({
    kind: z.literal('wheel'),
    draws: z.number().int().min(1).max(8).default(1),
    pool: z.array(scenarioId).min(1).max(100).optional().describe('the scenarios the wheel may draw; the whole catalogue when absent'),
    difficultyWeights: z
      .object({ beginner: z.number().min(0).max(100), intermediate: z.number().min(0).max(100), advanced: z.number().min(0).max(100) })
      .strict()
      .default({ beginner: 1, intermediate: 2, advanced: 3 })
      .describe('relative chance of each difficulty before the least-drilled adjustment'),
  })
  .strict();

export const GameDayPlanSchema = z.discriminatedUnion('kind', [FixedPlanSchema, WheelPlanSchema]);
export type GameDayPlan = z.infer<typeof GameDayPlanSchema>;

/** One date, or a cron expression (5 fields, or 6 with seconds) read in an IANA time zone. */
export const GameDayScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), at: z.iso.datetime({ offset: true }).describe('RFC 3339 with an offset, e.g. 2026-12-04T14:00:00+01:00') }).strict(),
  z
    .object({
      kind: z.literal('cron'),
      expression: z.string().min(1).max(200).describe('e.g. "0 14 * * 5" (Fridays at 14:00); every other Friday: add `every: 2`'),
      timeZone: z.string().min(1).max(64).describe('IANA time zone, e.g. Europe/Berlin'),
      every: z.number().int().min(1).max(52).default(1).describe('run every n-th occurrence (2: every other)'),
    })
    .strict(),
]);
export type GameDaySchedule = z.infer<typeof GameDayScheduleSchema>;

export const NotificationTargetSchema = z
  .object({
    kind: z.enum(['webhook', 'slack']).describe('webhook: a generic JSON body; slack: a Slack-compatible incoming-webhook body'),
    url: z.url({ protocol: /^https?$/ }).max(2000),
  })
  .strict();
export type NotificationTarget = z.infer<typeof NotificationTargetSchema>;

export const GameDayInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    team: teamName.describe('the team the game day\'s drills count for on the scoreboard'),
    participants: z
      .array(GameDayParticipantSchema)
      .min(1)
      .max(20)
      .refine((list) => new Set(list.map((participant) => participant.name)).size === list.length, 'names must be unique'),
    plan: GameDayPlanSchema,
    schedule: GameDayScheduleSchema,
    speed: z.number().min(0.1).max(1000).default(1).describe('drill clock speed of its drills'),
    spacing: duration.default('0s').describe('wall time between the starts of consecutive drills; 0s starts them together'),
    notify: z
      .object({
        before: duration.default('15m').describe('how long before the start the reminder goes out'),
        targets: z.array(NotificationTargetSchema).max(10).default([]),
      })
      .strict()
      .default({ before: '15m', targets: [] }),
    enabled: z.boolean().default(true),
  })
  .strict();
export type GameDayInput = z.input<typeof GameDayInputSchema>;
export type GameDaySpec = z.infer<typeof GameDayInputSchema>;
