import type { DrillEvent } from '../../api/index.js';
import { formatOffset } from '../report/durations.js';
import { classifyActions, describeMatcher, diagnosisMatches } from './checklist.js';
import { expectedAlerts, forbiddenAlerts, statusCheckRows } from './expectations.js';
import type { FacilitatorBlock } from './scenario-spec.js';

/** What the responders should find and do, beside what they did: facilitator eyes only. */
export function AnswerKeyPanel({ block, events, nowAt, finished }: { block: FacilitatorBlock; events: readonly DrillEvent[]; nowAt: number | undefined; finished: boolean }) {
  const t0 = events.find((event) => event.type === 'fault.injected')?.at ?? null;
  const actions = classifyActions(block.remediations, events);
  const diagnoses = events.filter((event) => event.type === 'diagnosis.submitted');
  const injected = new Map(events.filter((event) => event.type === 'fault.injected').map((event) => [(event.data as { stepId?: string }).stepId, event]));
  const reverted = new Set(events.filter((event) => event.type === 'fault.reverted').map((event) => (event.data as { stepId?: string }).stepId));
  const when = (event: DrillEvent) => (t0 === null ? '' : `T0${formatOffset(event.at - t0)}`);
  const { rootCause } = block.answerKey;
  return (
    <section className="card answer-key" aria-labelledby="answer-key-title">
      <h2 id="answer-key-title">Answer key</h2>
      <dl>
        <dt>Root cause</dt>
        <dd>
          <strong>{rootCause.summary}</strong> <code>{rootCause.id}</code>
        </dd>
        <dt>Accepted phrasings</dt>
        <dd>{rootCause.accepted.map((phrase) => `“${phrase}”`).join(', ')}</dd>
        <dt>Diagnoses so far</dt>
        <dd>
          {diagnoses.length === 0 ? (
            <span className="muted">none yet</span>
          ) : (
            <ul>
              {diagnoses.map((event) => {
                const data = event.data as { text: string; rootCauseId?: string };
                const right = diagnosisMatches(rootCause, data);
                return (
                  <li key={event.seq}>
                    {when(event)} {event.actor.name}: “{data.text}” <span className={right ? 'ok-text' : 'danger-text'}>{right ? '✓ matches' : '✗ no match'}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
        <dt>Fixes</dt>
        <dd>{block.remediations.fixes.map(describeMatcher).join('; ')}</dd>
        {(block.remediations.mitigations?.length ?? 0) > 0 && (
          <>
            <dt>Mitigations</dt>
            <dd>{block.remediations.mitigations!.map(describeMatcher).join('; ')}</dd>
          </>
        )}
        {(block.remediations.harmful?.length ?? 0) > 0 && (
          <>
            <dt>Harmful</dt>
            <dd>
              <ul>
                {block.remediations.harmful!.map((matcher) => (
                  <li key={describeMatcher(matcher)}>
                    {describeMatcher(matcher)}: <span className="muted">{matcher.reason}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>Actions that count</dt>
        <dd>
          {actions.length === 0 ? (
            <span className="muted">none yet</span>
          ) : (
            <ul>
              {actions.map((match) => {
                const data = match.event.data as { action: string; service?: string };
                return (
                  <li key={match.event.seq}>
                    {when(match.event)} {match.event.actor.name}: {data.action} {data.service ?? ''} <strong className={`verdict-${match.verdict}`}>{match.verdict}</strong>
                    {match.reason && <span className="muted"> — {match.reason}</span>}
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
        <dt>Faults</dt>
        <dd>
          <ul>
            {block.faults.map((fault) => {
              const event = injected.get(fault.id);
              const state = reverted.has(fault.id) ? 'reverted' : event ? `in effect since ${when(event)}` : `planned at ${fault.at}`;
              return (
                <li key={fault.id}>
                  <code>{fault.id}</code> {fault.kind} on {String(fault.target['service'] ?? JSON.stringify(fault.target))}
                  {fault.params && Object.keys(fault.params).length > 0 ? ` ${JSON.stringify(fault.params)}` : ''} <span className="muted">({state})</span>
                </li>
              );
            })}
          </ul>
        </dd>
        <dt>Status checks</dt>
        <dd>
          <ul>
            {statusCheckRows(block.statusChecks, events).map((check) => (
              <li key={check.id}>
                <span className={check.green === null ? 'muted' : check.green ? 'ok-text' : 'danger-text'}>{check.green === null ? '·' : check.green ? '✓ green' : '✗ failing'}</span> {check.description}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Expected alerts</dt>
        <dd>
          <ul>
            {expectedAlerts(block.expectations, events, nowAt, finished).map((row) => (
              <li key={row.name}>
                {row.name} <span className="muted">within {row.within}</span>:{' '}
                <span className={row.verdict === 'in time' ? 'ok-text' : row.verdict === 'waiting' ? 'muted' : 'danger-text'}>
                  {row.firedAt ? `fired ${row.firedAt}, ${row.verdict}` : row.verdict}
                </span>
              </li>
            ))}
          </ul>
        </dd>
        {(block.expectations.mustNotFire?.length ?? 0) > 0 && (
          <>
            <dt>Must not fire</dt>
            <dd>
              {forbiddenAlerts(block.expectations, events).map((row, index) => (
                <span key={row.name} className={row.fired ? 'danger-text' : undefined}>
                  {index > 0 ? ', ' : ''}
                  {row.name}
                  {row.fired ? ' (fired!)' : ''}
                </span>
              ))}
            </dd>
          </>
        )}
        {block.redHerrings.length > 0 && (
          <>
            <dt>Red herrings</dt>
            <dd>
              <ul>
                {block.redHerrings.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
