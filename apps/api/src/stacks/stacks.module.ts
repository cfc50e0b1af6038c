import { Module } from '@nestjs/common';
import { FaultsModule } from '../faults/faults.module.js';
import { StacksController } from './stacks.controller.js';
import { StacksService } from './stacks.service.js';

@Module({ imports: [FaultsModule], controllers: [StacksController], providers: [StacksService] })
export class StacksModule {}
