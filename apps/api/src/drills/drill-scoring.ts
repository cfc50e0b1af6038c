import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import { scoreDrill } from '../scoring/rubric-v1.js';
import { DrillRepository } from '../store/sqlite/drill-repository.js';
import type { DrillRecord } from '../store/sqlite/records.js';
import type { DrillMeasurements } from './engine/ports.js';
import type { DrillEvent, NewDrillEvent } from './timeline.js';

/**
 * Scores a resolved drill with the current rubric: the score is saved under its rubric version
 * (older versions' scores stay) and `drill.scored` goes on the timeline. Everything comes from the
 * timeline, including the impact measured at T4, so rescoring needs no live stack.
 */
@Injectable()
export class DrillScoring {
  constructor(private readonly repository: DrillRepository) {}

  async score(
    drill: DrillRecord,
    record: (event: NewDrillEvent) => Promise<DrillEvent>,
    options: { measurements?: DrillMeasurements; at?: number } = {},
  ): Promise<{ rubricVersion: string; total: number }> {
    const events = this.repository.events(drill.id);
    const resolved = events.find((event): event is DrillEvent<'drill.resolved'> => event.type === 'drill.resolved');
    if (!resolved) throw new AppError('conflict', `drill "${drill.id}" has not resolved yet (it is ${drill.state}); only a resolved drill is scored`);
    if (drill.runbook === null) throw new AppError('conflict', `drill "${drill.id}" has no runbook to score against`);
    const score = scoreDrill(drill.scenario, drill.runbook, events, options.measurements ?? resolved.data);
    this.repository.saveScore({ drillId: drill.id, rubricVersion: score.rubricVersion, total: score.total, breakdown: score.breakdown, computedAt: Date.now() });
    await record({
      type: 'drill.scored',
      at: options.at ?? events.at(-1)!.at,
      actor: { role: 'system', name: 'engine' },
      data: { rubricVersion: score.rubricVersion, total: score.total },
    });
    return { rubricVersion: score.rubricVersion, total: score.total };
  }
}
