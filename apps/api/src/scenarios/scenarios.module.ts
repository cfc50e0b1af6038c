import { Module } from '@nestjs/common';
import { DrillsModule } from '../drills/drills.module.js';
import { ScenariosController } from './scenarios.controller.js';

/** `/api/scenarios`: the catalogue the drills module loads, as each role may see it. */
@Module({ imports: [DrillsModule], controllers: [ScenariosController] })
export class ScenariosModule {}
