import { Module } from '@nestjs/common';
import { ScoreboardController } from './scoreboard.controller.js';
import { ScoreboardService } from './scoreboard.service.js';

/** The scoreboard as data: GET /api/scoreboard (JSON or CSV). The store module is global. */
@Module({ controllers: [ScoreboardController], providers: [ScoreboardService], exports: [ScoreboardService] })
export class ScoreboardModule {}
