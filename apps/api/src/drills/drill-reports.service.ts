import { Injectable } from '@nestjs/common';
import { responderView } from '@firedrill/scenarios';
import { z } from 'zod';
import type { Principal } from '../auth/token.service.js';
import { AppError, parseWith } from '../common/errors.js';
import { runbookForBrief } from '../scenarios/scenario-views.js';
import { postmortemDraft } from '../scoring/postmortem.js';
import type { DrillScore } from '../scoring/types.js';
import { DrillRepository } from '../store/sqlite/drill-repository.js';
import type { PostmortemRecord } from '../store/sqlite/records.js';
import { scoreView } from './drill-summary.js';
import { PostmortemSchema } from './drill-requests.js';
import { seesEverything, timelineFor } from './drill-views.js';
import { DrillsService } from './drills.service.js';
import { actorOf } from './responder-tools.service.js';
import type { DrillEvent, DrillState } from './timeline.js';

/** Once a drill is scored its participants may read the answer key: the debrief needs it. */
const DEBRIEF_STATES: readonly DrillState[] = ['scored', 'closed'];
/** A postmortem is written after the incident is over. */
const POSTMORTEM_STATES: readonly DrillState[] = ['resolved', 'scored', 'closed'];

const ListQuerySchema = z
  .object({
    state: z.enum(['created', 'running', 'detected', 'acknowledged', 'diagnosed', 'mitigated', 'resolved', 'scored', 'closed', 'aborted', 'interrupted']).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export interface PostmortemView {
  markdown: string;
  /** false: a draft built from the timeline now; true: what a participant submitted. */
  submitted: boolean;
  submittedBy?: string;
  submittedAt?: string;
  updatedAt?: string;
}

/**
 * What a drill looks like to each role: state and timers, the timeline, the score and the
 * postmortem. Everything a participant receives is filtered here (DESIGN.md safety invariant 4).
 */
@Injectable()
export class DrillReportsService {
  constructor(
    private readonly drills: DrillsService,
    private readonly repository: DrillRepository,
  ) {}

  /** Facilitator: every drill, newest first. */
  list(query: unknown) {
    const { state, limit } = parseWith(ListQuerySchema, query ?? {}, ['query']);
    return { drills: this.repository.listDrills({ state, limit }).map((drill) => this.drills.view(drill.id)) };
  }

  /** State, timers, participants, the brief (with the runbook to follow), and the score once scored; the answer key for the facilitator only. */
  view(drillId: string, principal: Principal) {
    const view = this.drills.view(drillId);
    const scenario = this.drills.scenarioOf(drillId);
    const runbook = this.drills.runbookOrNull(drillId);
    // The runbook travels with the brief: participants do not get the scenario id to fetch it by.
    const brief = { ...responderView(scenario), runbook: runbook === null ? null : runbookForBrief(runbook) };
    if (!seesEverything(principal)) {
      // The catalogue's ids describe the incident ("cache-stampede-…"): participants get the title only.
      const { id: _scenarioId, ...shown } = view.scenario;
      const { id: _briefId, ...briefShown } = brief;
      return { ...view, scenario: shown, brief: briefShown };
    }
    const { answerKey, faults, remediations, redHerrings, statusChecks, expectations } = scenario.spec;
    return { ...view, brief, facilitator: { answerKey, faults, remediations, redHerrings, statusChecks, expectations } };
  }

  timeline(drillId: string, principal: Principal): { events: DrillEvent[] } {
    return { events: timelineFor(principal, this.drills.timeline(drillId)) };
  }

  /** The newest score with its breakdown, and every rubric version it was scored under. */
  score(drillId: string) {
    const scores = this.repository.scores(drillId);
    const latest = scores.at(-1);
    if (!latest) throw new AppError('conflict', `drill "${drillId}" has no score yet (it is ${this.drills.view(drillId).state}); drills are scored when they resolve`);
    return { ...scoreView(latest), history: scores.map((score) => ({ rubricVersion: score.rubricVersion, total: score.total, computedAt: new Date(score.computedAt).toISOString() })) };
  }

  /** The submitted postmortem, or a draft from the timeline; the root cause only once the drill is scored (or for the facilitator). */
  postmortem(drillId: string, principal: Principal): PostmortemView {
    const view = this.drills.view(drillId);
    const submitted = this.repository.postmortem(drillId);
    if (submitted) return submittedView(submitted);
    const events = this.drills.timeline(drillId);
    const latest = this.repository.scores(drillId).at(-1);
    const score = latest ? ({ rubricVersion: latest.rubricVersion, total: latest.total, breakdown: latest.breakdown } as DrillScore) : null;
    const resolved = events.find((event): event is DrillEvent<'drill.resolved'> => event.type === 'drill.resolved');
    const revealAnswerKey = seesEverything(principal) || DEBRIEF_STATES.includes(view.state);
    return { markdown: postmortemDraft(this.drills.scenarioOf(drillId), events, score, resolved?.data ?? {}, { revealAnswerKey }), submitted: false };
  }

  /** Submits (or edits) the postmortem: stored, then `postmortem.submitted` closes the drill (T5). */
  async submitPostmortem(drillId: string, principal: Principal, body: unknown): Promise<PostmortemView> {
    const { markdown } = parseWith(PostmortemSchema, body);
    const { state } = this.drills.view(drillId);
    if (!POSTMORTEM_STATES.includes(state)) {
      throw new AppError('conflict', `drill "${drillId}" is ${state}; a postmortem can be submitted once the drill has resolved`);
    }
    const actor = actorOf(principal);
    const saved = this.repository.savePostmortem({ drillId, markdown, submittedBy: actor.name });
    // The stack (and its fast clock) is gone; never stamp T5 before the drill's last event.
    const at = Math.max(Date.now(), this.drills.timeline(drillId).at(-1)?.at ?? 0);
    await this.drills.record(drillId, { type: 'postmortem.submitted', at, actor, data: { markdown } });
    return submittedView(saved);
  }
}

function submittedView(record: PostmortemRecord): PostmortemView {
  const iso = (ms: number) => new Date(ms).toISOString();
  return { markdown: record.markdown, submitted: true, submittedBy: record.submittedBy, submittedAt: iso(record.submittedAt), updatedAt: iso(record.updatedAt) };
}
