import type { GameDayView, ScenarioSummary } from '../../api/index.js';
import { formatDateTime } from '../../app/format.js';
import { scheduleInWords } from './schedule-words.js';

/** A game day's definition as a facilitator reads it back. */
export function GameDayDefinition({ gameDay, scenarios }: { gameDay: GameDayView; scenarios: ScenarioSummary[] | undefined }) {
  const title = (id: string) => scenarios?.find((scenario) => scenario.id === id)?.title ?? id;
  const { plan } = gameDay;
  return (
    <dl className="gd-definition">
      <dt>Team</dt>
      <dd>{gameDay.team}</dd>
      <dt>Participants</dt>
      <dd>{gameDay.participants.map((p) => (p.role === 'observer' ? `${p.name} (observer)` : p.name)).join(', ')}</dd>
      <dt>Plan</dt>
      <dd>
        {plan.kind === 'fixed' ? (
          <ol className="gd-plan-list">
            {plan.scenarios.map((id) => (
              <li key={id}>{title(id)}</li>
            ))}
          </ol>
        ) : (
          <>
            Wheel of misfortune: {plan.draws} {plan.draws === 1 ? 'scenario' : 'scenarios'} drawn from {plan.pool ? plan.pool.map(title).join(', ') : 'the whole catalogue'}; weights beginner{' '}
            {plan.difficultyWeights.beginner}, intermediate {plan.difficultyWeights.intermediate}, advanced {plan.difficultyWeights.advanced}.
          </>
        )}
      </dd>
      <dt>Schedule</dt>
      <dd>
        {scheduleInWords(gameDay.schedule)}
        {gameDay.schedule.kind === 'cron' && (
          <>
            {' '}
            <code className="muted small">{gameDay.schedule.expression}</code>
          </>
        )}
      </dd>
      <dt>Next run</dt>
      <dd>{gameDay.nextRunAt ? formatDateTime(gameDay.nextRunAt) : gameDay.enabled ? 'none ahead' : 'none (disabled)'}</dd>
      <dt>Drills</dt>
      <dd>
        speed {gameDay.speed}×, {gameDay.spacing === '0s' ? 'all start together' : `${gameDay.spacing} apart`}
      </dd>
      <dt>Notifications</dt>
      <dd>
        {gameDay.notify.targets.length === 0 ? (
          'none'
        ) : (
          <>
            {gameDay.notify.before} before and at the start, to{' '}
            {gameDay.notify.targets.map((target, index) => (
              <span key={index}>
                {index > 0 && ', '}
                {target.kind} <span className="gd-url">{target.url}</span>
              </span>
            ))}
          </>
        )}
      </dd>
    </dl>
  );
}
