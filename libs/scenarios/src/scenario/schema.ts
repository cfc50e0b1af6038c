import { z } from 'zod';
import { StackProfileSchema } from '../stack-profile.js';

/**
 * The scenario format, `apiVersion: firedrill/v1`, `kind: Scenario`. This zod schema is the
 * single source of the type, the structural validation and the docs; the loader adds what a
 * schema cannot check (line numbers, references to fault kinds, services, metrics, actions,
 * runbook steps). Durations are Prometheus-style strings (`30s`, `5m`, `1h30m`).
 */

const duration = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'a duration such as 30s, 5m or 1h30m');
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and -, starting with a letter');

/** A parameter constraint of an action: an exact value, or a comparison. */
export const ParamConstraintSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z
    .object({ gte: z.number(), lte: z.number(), gt: z.number(), lt: z.number(), in: z.array(z.union([z.string(), z.number()])) })
    .partial()
    .strict(),
]);
export type ParamConstraint = z.infer<typeof ParamConstraintSchema>;

/** Matches responder actions: `{action: set-config, service: payments, params: {"pool.max": {gte: 20}}}`. */
export const ActionMatcherSchema = z
  .object({
    action: z.string().min(1).describe('an action of the responder allow-list, e.g. scale, restart, rollback, set-config'),
    service: z.string().optional().describe('the service it must target; any when absent'),
    params: z.record(z.string(), ParamConstraintSchema).optional().describe('constraints on its parameters (dotted paths)'),
  })
  .strict();
export type ActionMatcher = z.infer<typeof ActionMatcherSchema>;

/** One concrete responder action, as the CI gate's robot responder plays it. */
export const RobotActionSchema = z
  .object({
    action: z.string().min(1).describe('an action of the responder allow-list'),
    service: z.string().optional(),
    params: z.record(z.string(), z.unknown()).default({}).describe('the action\'s parameters, exactly as a responder would send them'),
  })
  .strict();
export type RobotAction = z.infer<typeof RobotActionSchema>;

/**
 * The runbook's remedy played by a robot responder in the CI gate: once `trigger` fires (or the
 * first expected alert, when absent), wait `delay` of stack time, then take `actions` in order.
 */
export const AutomatedRemediationSchema = z
  .object({
    trigger: z.string().min(1).optional().describe('the alert whose firing starts the remediation; the first expected alert when absent'),
    delay: duration.default('0s').describe('stack time between the trigger and the first action'),
    actions: z.array(RobotActionSchema).min(1),
  })
  .strict();
export type AutomatedRemediation = z.infer<typeof AutomatedRemediationSchema>;

export const FaultStepSchema = z
  .object({
    id,
    at: duration.describe('offset from the drill start (stack time)'),
    duration: duration.optional().describe('how long the fault lasts; until the drill ends when absent'),
    kind: z.string().min(1).describe('a fault kind (latency, error, pod-kill, cache-stampede, pool-exhaustion, ...)'),
    target: z.record(z.string(), z.unknown()),
    params: z.record(z.string(), z.unknown()).default({}),
    /** A fault that models a bad release: `rollback` of its service reverts it. */
    release: z.string().optional().describe('the release that introduced it; rolling back the service reverts the fault'),
    /** Which incident it belongs to, for scenarios with overlapping incidents. */
    incident: id.optional(),
  })
  .strict();
export type FaultStep = z.infer<typeof FaultStepSchema>;

export const StatusCheckSchema = z
  .object({
    id,
    description: z.string().min(1),
    query: z.string().min(1).describe('PromQL; the check is green when the query returns a non-empty result'),
  })
  .strict();
export type StatusCheck = z.infer<typeof StatusCheckSchema>;

export const AlertRuleSchema = z
  .object({
    alert: z.string().min(1),
    expr: z.string().min(1),
    for: duration.optional(),
    labels: z.record(z.string(), z.string()).default({}),
    annotations: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const HintSchema = z.object({ id, text: z.string().min(1), cost: z.number().int().min(0).max(100) }).strict();

export const ScenarioSchema = z
  .object({
    apiVersion: z.literal('firedrill/v1'),
    kind: z.literal('Scenario'),
    metadata: z
      .object({
        id,
        version: z.number().int().min(1),
        title: z.string().min(1),
        summary: z.string().min(1).describe('what responders are told (never the cause)'),
        severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']),
        difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
        tags: z.array(z.string()).default([]),
        source: z.string().optional().describe('the public incident write-up it is drawn from'),
      })
      .strict(),
    spec: z
      .object({
        stack: StackProfileSchema.omit({ speed: true }).default({ loadRps: 10, replicas: {}, dependencies: { cache: 'memory', database: 'simulated' }, alertSource: 'embedded' }),
        slos: z.array(z.unknown()).default([]).describe('extra SLO specs (the demo SLOs always run)'),
        rules: z.array(AlertRuleSchema).default([]).describe('extra alert rules'),
        faults: z.array(FaultStepSchema).min(1),
        statusChecks: z.array(StatusCheckSchema).min(1),
        stabilityPeriod: duration.default('2m'),
        expectations: z
          .object({
            alerts: z.array(z.object({ name: z.string().min(1), within: duration }).strict()).default([]),
            mustNotFire: z.array(z.string()).default([]),
            maxErrorBudgetBurn: z.number().min(0).max(1).optional().describe('fraction of the checkout availability budget'),
            recoveryDeadline: duration.optional().describe('time to recover (T4 − T0) once the automated remediation has run'),
            remediation: AutomatedRemediationSchema.optional().describe('what the CI gate\'s robot responder does; recovery is only checked with one'),
          })
          .strict()
          .default({ alerts: [], mustNotFire: [] }),
        runbook: z.string().min(1).describe('path of the runbook Markdown, relative to the scenario file'),
        answerKey: z
          .object({
            rootCause: z
              .object({
                id,
                summary: z.string().min(1),
                accepted: z.array(z.string().min(1)).min(1).describe('phrasings that count as the right diagnosis'),
              })
              .strict(),
          })
          .strict(),
        remediations: z
          .object({
            fixes: z.array(ActionMatcherSchema).min(1),
            mitigations: z.array(ActionMatcherSchema).default([]),
            harmful: z.array(ActionMatcherSchema.extend({ reason: z.string().min(1) })).default([]),
          })
          .strict(),
        redHerrings: z.array(z.string()).default([]),
        hints: z.array(HintSchema).default([]),
        targets: z.object({ mttd: duration, mtta: duration, mttr: duration }).strict(),
        stopConditions: z
          .object({
            maxErrorBudgetBurn: z.number().min(0).max(1).optional(),
            wallClockCap: duration.default('60m'),
          })
          .strict()
          .default({ wallClockCap: '60m' }),
      })
      .strict(),
  })
  .strict();

export type Scenario = z.infer<typeof ScenarioSchema>;

/** What responders may see of a scenario: never the answer key, the faults or the remediations. */
export function responderView(scenario: Scenario) {
  const { id: scenarioId, title, summary, severity, difficulty, tags } = scenario.metadata;
  return { id: scenarioId, title, summary, severity, difficulty, tags, hints: scenario.spec.hints.map(({ id: hintId, cost }) => ({ id: hintId, cost })) };
}
