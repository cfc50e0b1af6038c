import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { RuleEvaluationObservation } from '../alerting/stack-alerting.js';
import { AlertingService } from '../alerting/alerting.service.js';
import { FaultsService } from '../faults/faults.service.js';
import { FAULT_KINDS } from '../faults/registry.js';
import { StackRegistry } from '../stacks/stack-registry.js';
import { DrillRepository } from '../store/sqlite/drill-repository.js';
import type { TargetScrapeResult } from '../telemetry/scrape/scraper.js';
import { TelemetryService } from '../telemetry/telemetry.service.js';
import { ACTIVE_STATES, drillFigures, OUTCOME_STATES, type DrillFigures } from './drill-figures.js';
import { FiredrillMetrics } from './firedrill-metrics.js';
import { TIMER_EVENT_TYPES } from '../scoring/timers.js';

/**
 * Wires Firedrill's own metrics to the rest of the API: the drill store (read at scrape time, the
 * figures kept until a drill is created or gets an event), the fault engine, the stack registry,
 * and the alerting and telemetry loops' listeners.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly metrics: FiredrillMetrics;
  private cached: { mark: string; figures: DrillFigures } | undefined;
  private readonly onEvaluated = (observation: RuleEvaluationObservation): void => this.metrics.observeRuleEvaluation(observation);
  private readonly onScrape = (result: TargetScrapeResult): void => this.metrics.observeScrape(result);

  constructor(
    private readonly repository: DrillRepository,
    private readonly faults: FaultsService,
    private readonly registry: StackRegistry,
    private readonly alerting: AlertingService,
    private readonly telemetry: TelemetryService,
  ) {
    this.metrics = new FiredrillMetrics({
      drillFigures: () => this.figures(),
      activeDrills: () => {
        const byState = this.repository.countByState();
        return ACTIVE_STATES.reduce((sum, state) => sum + (byState[state] ?? 0), 0);
      },
      activeFaultsByKind: () => this.faults.activeCountByKind(),
      faultKinds: FAULT_KINDS.map((kind) => kind.kind),
      stacks: () => this.registry.size,
      gameDayRunsByState: () => this.repository.countGameDayRunsByState(),
    });
    this.alerting.evaluations.on('evaluated', this.onEvaluated);
    this.telemetry.scrapeResults.on('target', this.onScrape);
  }

  onModuleDestroy(): void {
    this.alerting.evaluations.off('evaluated', this.onEvaluated);
    this.telemetry.scrapeResults.off('target', this.onScrape);
  }

  render() {
    return this.metrics.render();
  }

  /** Every ended drill's figures; recomputed only when the store's change mark moved. */
  private figures(): DrillFigures {
    const mark = this.repository.changeMark();
    if (this.cached?.mark !== mark) {
      const records = this.repository.drillOutcomes({ states: OUTCOME_STATES, includeGate: true, eventTypes: TIMER_EVENT_TYPES });
      this.cached = { mark, figures: drillFigures(records) };
    }
    return this.cached.figures;
  }
}
