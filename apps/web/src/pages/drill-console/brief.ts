import type { DrillView, RunbookStep, ScenarioBrief } from '../../api/types.js';

/** The runbook on a drill's brief (`GET /api/drills/:id`): no path, no scoring evidence. */
export interface BriefRunbook {
  title: string;
  markdown: string;
  steps: RunbookStep[];
}

export interface ConsoleBrief extends ScenarioBrief {
  runbook?: BriefRunbook | null;
}

/** The brief as the console reads it (older APIs sent no runbook). */
export function briefOf(view: DrillView | null): ConsoleBrief | null {
  return (view?.brief as ConsoleBrief | undefined) ?? null;
}
