export { deriveState, deriveTimers, findDetection, isFinalState, secondsBetween } from './timers.js';
export { RUBRIC_V1_WEIGHTS, diagnosisMatches, responseEvents, scoreDrill, speedPoints } from './rubric-v1.js';
export { describeAction, describeEvent, describeEvidence, evidenceMatches, matchesAction, type TakenAction } from './matching.js';
export { classifyActions, type ActionClass, type ClassifiedAction } from './remediation.js';
export { postmortemDraft, type PostmortemOptions } from './postmortem.js';
export type { DrillMeasurements, DrillScore, ScoreItem } from './types.js';
