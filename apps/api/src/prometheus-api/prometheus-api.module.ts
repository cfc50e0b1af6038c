import { Module } from '@nestjs/common';
import { AlertingModule } from '../alerting/alerting.module.js';
import { TelemetryModule } from '../telemetry/telemetry.module.js';
import { PrometheusApiController } from './prometheus-api.controller.js';
import { PrometheusApiService } from './prometheus-api.service.js';

@Module({
  imports: [TelemetryModule, AlertingModule],
  controllers: [PrometheusApiController],
  providers: [PrometheusApiService],
  exports: [PrometheusApiService],
})
export class PrometheusApiModule {}
