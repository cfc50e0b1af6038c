import { checkActionMatcher, type Report } from './action-matchers.js';
import type { ScenarioProblem } from './problems.js';
import { checkDuration } from './references.js';
import type { RunbookStepBlock } from './runbook-parser.js';
import { unknownName, type VocabularyIndex } from './vocabulary.js';

/**
 * Checks the valid steps of a runbook: unique ids, `within` bounds, and that their evidence
 * names metrics, services and actions that exist. Problems are at the step block's lines.
 */
export function checkRunbookSteps(blocks: readonly RunbookStepBlock[], vocabulary: VocabularyIndex): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const firstById = new Map<string, RunbookStepBlock>();
  for (const block of blocks) {
    const step = block.step;
    if (!step) continue;
    const report: Report = (path, message, options) => problems.push(block.source.problem(path, message, options));
    const earlier = firstById.get(step.id);
    if (earlier) report(['id'], `duplicate step id "${step.id}" (first at steps[${earlier.index}], line ${earlier.fenceLine})`);
    else firstById.set(step.id, block);
    if (step.within !== undefined) checkDuration(step.within, ['within'], report);

    const evidence = step.evidence;
    if ('query' in evidence) {
      evidence.query.metrics.forEach((metric, index) => {
        if (!vocabulary.hasMetric(metric)) report(['evidence', 'query', 'metrics', index], unknownName('metric', metric, vocabulary.vocabulary.metrics));
      });
    } else if ('logSearch' in evidence && evidence.logSearch.service !== undefined) {
      checkService(evidence.logSearch.service, ['evidence', 'logSearch', 'service'], vocabulary, report);
    } else if ('traceView' in evidence && evidence.traceView.service !== undefined) {
      checkService(evidence.traceView.service, ['evidence', 'traceView', 'service'], vocabulary, report);
    } else if ('action' in evidence) {
      checkActionMatcher(evidence.action, ['evidence', 'action'], vocabulary, report);
    }
  }
  return problems;
}

function checkService(service: string, path: (string | number)[], vocabulary: VocabularyIndex, report: Report): void {
  if (!vocabulary.hasService(service)) report(path, unknownName('service', service, vocabulary.services));
}
