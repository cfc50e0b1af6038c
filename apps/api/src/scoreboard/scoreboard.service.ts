import { Injectable } from '@nestjs/common';
import { DrillRepository } from '../store/sqlite/drill-repository.js';
import { toCsv } from './csv.js';
import { buildScoreboard, csvCells, CSV_HEADER, SCOREBOARD_STATES } from './scoreboard-builder.js';
import { parseScoreboardRequest } from './scoreboard-query.js';
import type { Scoreboard } from './scoreboard-views.js';
import { TIMER_EVENT_TYPES } from '../scoring/timers.js';

export type ScoreboardAnswer = { format: 'json'; scoreboard: Scoreboard } | { format: 'csv'; csv: string };

/** The scoreboard: the store's finished drills, filtered in SQL, shaped by pure functions. */
@Injectable()
export class ScoreboardService {
  constructor(private readonly repository: DrillRepository) {}

  answer(query: unknown): ScoreboardAnswer {
    const request = parseScoreboardRequest(query);
    const { filter } = request;
    const records = this.repository.drillOutcomes({
      states: SCOREBOARD_STATES,
      ...(filter.scenario !== undefined ? { scenarioId: filter.scenario } : {}),
      ...(filter.team !== undefined ? { team: filter.team } : {}),
      ...(filter.responder !== undefined ? { responder: filter.responder } : {}),
      ...(filter.fromMs !== undefined ? { fromMs: filter.fromMs } : {}),
      ...(filter.toMs !== undefined ? { toMs: filter.toMs } : {}),
      includeGate: filter.includeGate,
      eventTypes: TIMER_EVENT_TYPES,
      titles: true,
    });
    const scoreboard = buildScoreboard(records, request.query);
    if (request.format === 'csv') return { format: 'csv', csv: toCsv(CSV_HEADER, scoreboard.rows.map(csvCells)) };
    return { format: 'json', scoreboard };
  }
}
