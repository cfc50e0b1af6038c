import { Module } from '@nestjs/common';
import { CATALOGUE_DIR } from '@firedrill/scenarios/loader';
import { AlertingModule } from '../alerting/alerting.module.js';
import { FaultsModule } from '../faults/faults.module.js';
import { buildScenarioVocabulary } from '../scenarios/vocabulary.js';
import { StacksModule } from '../stacks/stacks.module.js';
import { TelemetryModule } from '../telemetry/telemetry.module.js';
import { DrillScoring } from './drill-scoring.js';
import { DrillsService } from './drills.service.js';
import { SCENARIO_CATALOGUE_SOURCE, ScenarioCatalogue, type ScenarioCatalogueSource } from './scenario-catalogue.js';

/** The drill engine: the catalogue it plays from, the lifecycle service and scoring on resolution. */
@Module({
  imports: [StacksModule, FaultsModule, TelemetryModule, AlertingModule],
  providers: [
    { provide: SCENARIO_CATALOGUE_SOURCE, useValue: { dir: CATALOGUE_DIR, vocabulary: () => buildScenarioVocabulary() } satisfies ScenarioCatalogueSource },
    ScenarioCatalogue,
    DrillScoring,
    DrillsService,
  ],
  exports: [DrillsService, ScenarioCatalogue],
})
export class DrillsModule {}
