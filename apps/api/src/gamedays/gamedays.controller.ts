import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { jsonSchemaOf } from '../common/openapi.js';
import { GameDayInputSchema, GameDayScheduleSchema } from './gameday-schema.js';
import { GameDaysService } from './gamedays.service.js';

/** `/api/gamedays`: the facilitator's (no @Roles, so participants' tokens get a 403). */
@ApiTags('gamedays')
@ApiBearerAuth()
@Controller('api/gamedays')
export class GameDaysController {
  constructor(private readonly gameDays: GameDaysService) {}

  @Get()
  @ApiOperation({ summary: 'Every game day with its next start and last run' })
  list() {
    return this.gameDays.list();
  }

  @Post()
  @ApiOperation({ summary: 'Define a game day: participants, plan (fixed or wheel), schedule (once or cron in a time zone), notification targets' })
  @ApiBody({ schema: jsonSchemaOf(GameDayInputSchema) })
  create(@Body() body: unknown) {
    return this.gameDays.create(body);
  }

  @Post('schedule-preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The next five starts of a schedule, ISO 8601 with the offset of its zone' })
  @ApiBody({ schema: jsonSchemaOf(z.object({ schedule: GameDayScheduleSchema })) })
  preview(@Body() body: unknown) {
    return this.gameDays.preview(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One game day' })
  get(@Param('id') id: string) {
    return this.gameDays.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a game day\'s definition; a changed schedule applies from now on' })
  @ApiBody({ schema: jsonSchemaOf(GameDayInputSchema) })
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.gameDays.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a game day and its runs (409 while a run is in progress); its drills stay' })
  remove(@Param('id') id: string): void {
    this.gameDays.delete(id);
  }

  @Post(':id/run-now')
  @HttpCode(201)
  @ApiOperation({ summary: 'Run the game day now, outside its schedule: its drills are created and started; join links in the answer' })
  runNow(@Param('id') id: string) {
    return this.gameDays.runNow(id);
  }

  @Get(':id/runs')
  @ApiOperation({ summary: 'The game day\'s runs, newest first (scheduled, notified, running, finished, missed, failed)' })
  runs(@Param('id') id: string) {
    return this.gameDays.listRuns(id);
  }

  @Get(':id/runs/:runId')
  @ApiOperation({ summary: 'A run: its drills and their states, the notifications sent and whether they were delivered' })
  run(@Param('id') id: string, @Param('runId') runId: string) {
    return this.gameDays.getRun(id, runId);
  }

  @Get(':id/runs/:runId/report')
  @ApiOperation({ summary: 'The run\'s report: drills, scores and timers, and what changed since the previous run with drills' })
  report(@Param('id') id: string, @Param('runId') runId: string) {
    return this.gameDays.report(id, runId);
  }
}
