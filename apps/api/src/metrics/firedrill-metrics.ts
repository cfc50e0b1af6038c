import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RuleEvaluationObservation } from '../alerting/stack-alerting.js';
import type { TargetScrapeResult } from '../telemetry/scrape/scraper.js';
import type { DrillFigures } from './drill-figures.js';

/** Where the figures read at scrape time come from; the Nest service wires the real ones, tests their own. */
export interface MetricSources {
  drillFigures(): DrillFigures;
  activeDrills(): number;
  /** Active faults by kind; every kind in `faultKinds` is exported, 0 when none is active. */
  activeFaultsByKind(): ReadonlyMap<string, number>;
  faultKinds: readonly string[];
  stacks(): number;
  /** Game-day runs by state, when the game-day store exists. */
  gameDayRunsByState?(): ReadonlyMap<string, number>;
}

/** Seconds to hours: a detection at speed 60 takes seconds, a real MTTR can take hours. */
export const TIMER_BUCKETS = [5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400];
export const RULE_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
export const RULE_LAG_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const DRILL_LABELS = ['scenario', 'team', 'origin'] as const;

/**
 * Firedrill's own metrics in their own Registry (never prom-client's global one: tests run several
 * APIs in one process). Drill figures are derived from the store when scraped; rule evaluations and
 * scrapes are counted as they happen (since the process started, like any Prometheus counter).
 */
export class FiredrillMetrics {
  readonly registry = new Registry();
  private readonly ruleDuration: Histogram;
  private readonly ruleLag: Histogram;
  private readonly ruleFailures: Counter;
  private readonly scrapes: Counter<'job'>;
  private readonly scrapeErrors: Counter<'job'>;
  private snapshot: DrillFigures | undefined;

  constructor(private readonly sources: MetricSources, options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    // Drill figures: `render` reads the store once per scrape for the four metrics below.
    const current = () => this.snapshot ?? sources.drillFigures();

    new Counter({
      name: 'firedrill_drills_total',
      help: 'Drills that ended, by outcome (resolved: resolved, scored or closed; aborted; interrupted), scenario, team ("" for none) and origin (manual, gameday, gate). Read from the drill store at scrape time.',
      labelNames: ['outcome', ...DRILL_LABELS],
      registers,
      collect() {
        this.reset();
        for (const { labels, count } of current().outcomes) this.inc(labels, count);
      },
    });
    const timer = (name: string, help: string, pick: (f: DrillFigures) => DrillFigures['mttd']) =>
      new Histogram({
        name,
        help: `${help} Only drills that reached both marks; from the drill store at scrape time.`,
        labelNames: DRILL_LABELS,
        buckets: TIMER_BUCKETS,
        registers,
        collect() {
          this.reset();
          for (const { labels, seconds } of pick(current())) this.observe(labels, seconds);
          },
      });
    timer('firedrill_drill_mttd_seconds', 'Time to detect (T1 - T0) of ended drills.', (f) => f.mttd);
    timer('firedrill_drill_mtta_seconds', 'Time to acknowledge (T2 - T1) of ended drills.', (f) => f.mtta);
    timer('firedrill_drill_mttr_seconds', 'Time to resolve (T4 - T1) of ended drills.', (f) => f.mttr);

    new Gauge({
      name: 'firedrill_drills_active',
      help: 'Drills under way (running up to mitigated).',
      registers,
      collect() {
        this.set(sources.activeDrills());
      },
    });
    new Gauge({
      name: 'firedrill_faults_active',
      help: 'Faults in effect on any stack, by kind.',
      labelNames: ['kind'],
      registers,
      collect() {
        this.reset();
        const active = sources.activeFaultsByKind();
        for (const kind of new Set([...sources.faultKinds, ...active.keys()])) this.set({ kind }, active.get(kind) ?? 0);
      },
    });
    new Gauge({
      name: 'firedrill_stacks',
      help: 'Demo stacks running (one per running drill, plus any started by hand).',
      registers,
      collect() {
        this.set(sources.stacks());
      },
    });
    if (sources.gameDayRunsByState) {
      const runs = sources.gameDayRunsByState.bind(sources);
      // A gauge, not a counter: a run moves from scheduled to running to finished, so a state's count goes down too.
      new Gauge({
        name: 'firedrill_gameday_runs',
        help: 'Game-day runs in each state (scheduled, notified, running, finished, missed, failed), from the store at scrape time.',
        labelNames: ['state'],
        registers,
        collect() {
          this.reset();
          for (const [state, count] of runs()) this.set({ state }, count);
        },
      });
    }

    this.ruleDuration = new Histogram({
      name: 'firedrill_rule_evaluation_duration_seconds',
      help: 'Wall time of one round of a stack\'s rule evaluation (every group due at a slot).',
      buckets: RULE_DURATION_BUCKETS,
      registers,
    });
    this.ruleLag = new Histogram({
      name: 'firedrill_rule_evaluation_lag_seconds',
      help: 'How late a round of rule evaluation ran behind its slot, in wall seconds (stack time divided by the stack\'s speed).',
      buckets: RULE_LAG_BUCKETS,
      registers,
    });
    this.ruleFailures = new Counter({ name: 'firedrill_rule_evaluation_failures_total', help: 'Rule evaluations that failed (the rule shows health err; the loop carries on).', registers });
    this.scrapes = new Counter({ name: 'firedrill_scrapes_total', help: 'Scrapes of demo-stack replicas, by job (service).', labelNames: ['job'], registers });
    this.scrapeErrors = new Counter({ name: 'firedrill_scrape_errors_total', help: 'Scrapes of demo-stack replicas that failed (up 0), by job.', labelNames: ['job'], registers });
  }

  observeRuleEvaluation(observation: RuleEvaluationObservation): void {
    this.ruleDuration.observe(observation.durationSeconds);
    this.ruleLag.observe(observation.lagSeconds);
    if (observation.failures > 0) this.ruleFailures.inc(observation.failures);
  }

  observeScrape(result: TargetScrapeResult): void {
    this.scrapes.inc({ job: result.job });
    if (!result.ok) this.scrapeErrors.inc({ job: result.job });
  }

  /** The exposition in Prometheus's text format. */
  async render(): Promise<{ contentType: string; body: string }> {
    this.snapshot = this.sources.drillFigures();
    try {
      return { contentType: this.registry.contentType, body: await this.registry.metrics() };
    } finally {
      this.snapshot = undefined;
    }
  }
}
