import type { Scenario } from '@firedrill/scenarios';
import type { DrillState, NewDrillEvent } from '../../drills/timeline.js';
import type { DrillRepository } from '../../store/sqlite/drill-repository.js';
import type { DrillOrigin } from '../../store/sqlite/records.js';

/** Seconds after T0 at which a finished drill reached each mark; absent: never reached. */
export interface SeededMarks {
  /** Detection (T1); by an alert unless `detectedBy` is human. */
  detect?: number;
  detectedBy?: 'alert' | 'human';
  acknowledge?: number;
  mitigate?: number;
  resolve?: number;
  close?: number;
}

export interface SeededDrill {
  id: string;
  scenarioId?: string;
  scenarioTitle?: string;
  team?: string | null;
  origin?: DrillOrigin;
  /** Wall epoch ms. */
  createdAt?: number;
  responders?: string[];
  state: DrillState;
  score?: number;
  /** No fault injected at all when absent (a drill aborted before T0). */
  marks?: SeededMarks;
}

const T0 = Date.UTC(2025, 0, 1);
const ENGINE = { role: 'system', name: 'engine' } as const;

/**
 * Writes a drill that has finished, as the engine would have left it (state, timer events, score),
 * without running a stack: the scoreboard and /metrics only read the store.
 */
export function seedFinishedDrill(repository: DrillRepository, drill: SeededDrill): void {
  const scenarioId = drill.scenarioId ?? 'pool-exhaustion';
  const scenario = { apiVersion: 'firedrill/v1', kind: 'Scenario', metadata: { id: scenarioId, version: 1, title: drill.scenarioTitle ?? `Title of ${scenarioId}` }, spec: {} } as unknown as Scenario;
  const createdAt = drill.createdAt ?? T0;
  repository.createDrill({
    id: drill.id,
    scenarioId,
    scenarioVersion: 1,
    scenario,
    runbook: null,
    speed: 1,
    team: drill.team ?? null,
    origin: drill.origin ?? 'manual',
    createdAt,
  });
  const responders = drill.responders ?? [];
  responders.forEach((name, index) => repository.addParticipant(drill.id, name, 'responder', `${drill.id}-${name}-token`, createdAt + index));
  repository.addParticipant(drill.id, 'observer', 'observer', `${drill.id}-observer-token`, createdAt + responders.length);
  const append = (event: NewDrillEvent) => repository.appendEvent(drill.id, event, createdAt);
  append({ type: 'drill.created', at: createdAt, actor: { role: 'facilitator', name: 'facilitator' }, data: { scenarioId, scenarioVersion: 1, speed: 1, responders } });
  const marks = drill.marks;
  if (marks) {
    const at = (seconds: number) => T0 + seconds * 1000;
    append({ type: 'fault.injected', at: T0, actor: ENGINE, data: { stepId: 's1', faultId: 'f1', kind: 'latency', target: {} } });
    if (marks.detect !== undefined) {
      if (marks.detectedBy === 'human') append({ type: 'incident.declared', at: at(marks.detect), actor: { role: 'responder', name: responders[0] ?? 'r' }, data: { summary: 'slow' } });
      else append({ type: 'alert.firing', at: at(marks.detect), actor: { role: 'system', name: 'alerting' }, data: { alert: 'HighLatency', labels: {} } });
    }
    if (marks.acknowledge !== undefined) append({ type: 'page.acknowledged', at: at(marks.acknowledge), actor: { role: 'responder', name: responders[0] ?? 'r' }, data: {} });
    if (marks.mitigate !== undefined) append({ type: 'drill.mitigated', at: at(marks.mitigate), actor: ENGINE, data: {} });
    if (marks.resolve !== undefined) append({ type: 'drill.resolved', at: at(marks.resolve), actor: ENGINE, data: {} });
    if (marks.close !== undefined) append({ type: 'postmortem.submitted', at: at(marks.close), actor: { role: 'responder', name: responders[0] ?? 'r' }, data: { markdown: '# pm' } });
  }
  if (drill.state === 'aborted') append({ type: 'drill.aborted', at: T0, actor: { role: 'facilitator', name: 'facilitator' }, data: { reason: 'test' } });
  if (drill.state === 'interrupted') append({ type: 'drill.interrupted', at: T0, actor: ENGINE, data: { reason: 'test' } });
  if (drill.score !== undefined) {
    repository.saveScore({ drillId: drill.id, rubricVersion: 'v1', total: drill.score, breakdown: {}, computedAt: createdAt });
  }
  repository.updateDrill(drill.id, { state: drill.state }, createdAt);
}
