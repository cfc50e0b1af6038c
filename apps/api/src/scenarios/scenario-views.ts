import { responderView, type Runbook, type Scenario } from '@firedrill/scenarios';
import { stripStepBlocks } from '@firedrill/scenarios/loader';

/**
 * Scenarios as each role sees them. Participants get the brief (never the answer key, the faults,
 * the remediations or the red herrings) and the runbook they follow: its Markdown and its steps'
 * titles and time bounds, without the machine-checked evidence that scoring matches against.
 */
export function scenarioSummary(scenario: Scenario, full: boolean) {
  return { ...responderView(scenario), version: scenario.metadata.version, ...(full ? { scenario } : {}) };
}

export function runbookForParticipants(runbook: Runbook) {
  return {
    path: runbook.path,
    title: runbook.title,
    markdown: stripStepBlocks(runbook.markdown),
    steps: runbook.steps.map(({ id, title, within }) => ({ id, title, ...(within === undefined ? {} : { within }) })),
  };
}

/**
 * The runbook on a drill's brief: what the responder follows during the drill. Without its path
 * (the catalogue's file names describe the incident, like its scenario ids) and without the steps'
 * scoring evidence.
 */
export function runbookForBrief(runbook: Runbook) {
  const { path: _path, ...shown } = runbookForParticipants(runbook);
  return shown;
}
