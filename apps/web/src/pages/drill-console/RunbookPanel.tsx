import { Markdown } from '../../components/markdown/Markdown.js';
import { Empty } from '../../app/feedback.js';
import type { BriefRunbook } from './brief.js';

export interface RunbookPanelProps {
  runbook: BriefRunbook | null | undefined;
  /** ISO drill time of the page (T1): step bounds are measured from it. */
  pagedAt: string | null;
}

/**
 * The runbook the responder follows: its Markdown (rendered as elements, never HTML) and its
 * checkable steps with their time bounds from the page. Whether a step counted is not shown
 * here; that is for the debrief.
 */
export function RunbookPanel({ runbook, pagedAt }: RunbookPanelProps) {
  if (!runbook) return <Empty title="No runbook">This drill's scenario has no runbook: work from the dashboards and the alerts.</Empty>;
  return (
    <div className="runbook">
      {runbook.steps.length > 0 && (
        <section aria-labelledby="runbook-steps-heading" className="runbook-steps">
          <h3 id="runbook-steps-heading">Steps</h3>
          <ol>
            {runbook.steps.map((step) => (
              <li key={step.id}>
                {step.title}
                {step.within && <span className="muted"> — within {step.within}{pagedAt ? ' of the page' : ' of being paged'}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <Markdown source={runbook.markdown} className="runbook-markdown" />
    </div>
  );
}
