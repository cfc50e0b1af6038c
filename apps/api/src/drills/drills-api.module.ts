import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module.js';
import { PrometheusApiModule } from '../prometheus-api/prometheus-api.module.js';
import { TelemetryModule } from '../telemetry/telemetry.module.js';
import { DrillReportsService } from './drill-reports.service.js';
import { DrillsController } from './drills.controller.js';
import { DrillsModule } from './drills.module.js';
import { ResponderToolsService } from './responder-tools.service.js';

/** `/api/drills`: the engine's lifecycle plus the responder tools and each role's view of a drill. */
@Module({
  imports: [DrillsModule, PrometheusApiModule, TelemetryModule, ActionsModule],
  controllers: [DrillsController],
  providers: [DrillReportsService, ResponderToolsService],
})
export class DrillsApiModule {}
