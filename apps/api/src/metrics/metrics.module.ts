import { Module } from '@nestjs/common';
import { AlertingModule } from '../alerting/alerting.module.js';
import { FaultsModule } from '../faults/faults.module.js';
import { TelemetryModule } from '../telemetry/telemetry.module.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/** Firedrill's own /metrics (prom-client). The store and the stack registry are global. */
@Module({ imports: [AlertingModule, FaultsModule, TelemetryModule], controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}
