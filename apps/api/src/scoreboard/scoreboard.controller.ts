import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ScoreboardService } from './scoreboard.service.js';

export const CSV_FILENAME = 'firedrill-scoreboard.csv';

/** Facilitator only (no @Roles): the scoreboard names every responder. */
@ApiTags('scoreboard')
@ApiBearerAuth()
@Controller('api/scoreboard')
export class ScoreboardController {
  constructor(private readonly scoreboard: ScoreboardService) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'Finished drills with score and timers (seconds), and count/mean/median/p90 by responder, team and scenario',
    description:
      'Filters: responder, team, scenario (id), from/to (creation time, ISO 8601 or Unix seconds; to exclusive). CI-gate drills only with includeGate=true. format=csv answers the rows as an attachment.',
  })
  @ApiQuery({ name: 'responder', required: false })
  @ApiQuery({ name: 'team', required: false })
  @ApiQuery({ name: 'scenario', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'includeGate', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  get(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const answer = this.scoreboard.answer(query);
    if (answer.format === 'json') return answer.scoreboard;
    response.type('text/csv; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="${CSV_FILENAME}"`);
    return answer.csv;
  }
}
