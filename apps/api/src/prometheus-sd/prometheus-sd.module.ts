import { Module } from '@nestjs/common';
import { AlertingModule } from '../alerting/alerting.module.js';
import { PrometheusSdController } from './prometheus-sd.controller.js';
import { RealAlertsService } from './real-alerts.service.js';

/** Real monitoring: HTTP SD for a real Prometheus, and its alerts as the alert source of stacks that ask. */
@Module({ imports: [AlertingModule], controllers: [PrometheusSdController], providers: [RealAlertsService] })
export class PrometheusSdModule {}
