import { Module } from '@nestjs/common';
import { TelemetryModule } from '../telemetry/telemetry.module.js';
import { AlertingController } from './alerting.controller.js';
import { AlertingService } from './alerting.service.js';

@Module({ imports: [TelemetryModule], controllers: [AlertingController], providers: [AlertingService], exports: [AlertingService] })
export class AlertingModule {}
