import { Module, type DynamicModule } from '@nestjs/common';
import { ActionsModule } from './actions/actions.module.js';
import { AlertingModule } from './alerting/alerting.module.js';
import { AuthModule } from './auth/auth.module.js';
import { APP_OPTIONS, type AppOptions } from './config/app-options.js';
import { DrillsApiModule } from './drills/drills-api.module.js';
import { DrillsModule } from './drills/drills.module.js';
import { FaultsModule } from './faults/faults.module.js';
import { GameDaysModule } from './gamedays/gamedays.module.js';
import { HealthController } from './health/health.controller.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { PrometheusApiModule } from './prometheus-api/prometheus-api.module.js';
import { PrometheusSdModule } from './prometheus-sd/prometheus-sd.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { ScenariosModule } from './scenarios/scenarios.module.js';
import { ScoreboardModule } from './scoreboard/scoreboard.module.js';
import { StacksModule } from './stacks/stacks.module.js';
import { StackRegistryModule } from './stacks/stack-registry.module.js';
import { StoreModule } from './store/store.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';

@Module({})
export class AppModule {
  static register(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [AuthModule, StackRegistryModule, StoreModule, FaultsModule, StacksModule, TelemetryModule, RealtimeModule, AlertingModule, PrometheusApiModule, PrometheusSdModule, ActionsModule, DrillsModule, DrillsApiModule, ScenariosModule, GameDaysModule, ScoreboardModule, MetricsModule],
      controllers: [HealthController],
      providers: [{ provide: APP_OPTIONS, useValue: options }],
      exports: [APP_OPTIONS],
    };
  }
}
