import { Module } from '@nestjs/common';

/** the scoreboard as data: GET /api/scoreboard. */
@Module({})
export class ScoreboardModule {}
