import { Module } from '@nestjs/common';
import { FaultsModule } from '../faults/faults.module.js';
import { TelemetryModule } from '../telemetry/telemetry.module.js';
import { StacksController } from './stacks.controller.js';
import { StacksService } from './stacks.service.js';

@Module({ imports: [FaultsModule, TelemetryModule], controllers: [StacksController], providers: [StacksService], exports: [StacksService] })
export class StacksModule {}
