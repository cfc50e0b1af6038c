import { useState } from 'react';
import type { Problem, ScenarioSummary } from '../../api/index.js';
import { FieldProblems } from './FieldProblems.js';
import { DIFFICULTIES, problemsAt, type GameDayForm } from './gameday-form.js';

type PlanForm = Pick<GameDayForm, 'planKind' | 'scenarios' | 'draws' | 'pool' | 'weights'>;

interface Props {
  form: PlanForm;
  scenarios: ScenarioSummary[];
  problems: readonly Problem[];
  onChange: (changes: Partial<PlanForm>) => void;
}

/** A fixed, ordered list of scenarios, or the wheel of misfortune (draws, pool, difficulty weights). */
export function PlanFields({ form, scenarios, problems, onChange }: Props) {
  const titleOf = (id: string) => scenarios.find((scenario) => scenario.id === id)?.title ?? id;
  return (
    <fieldset className="gd-fieldset">
      <legend>Plan</legend>
      <div role="radiogroup" aria-label="Kind of plan" className="gd-choice">
        <label>
          <input type="radio" name="gd-plan-kind" value="fixed" checked={form.planKind === 'fixed'} onChange={() => onChange({ planKind: 'fixed' })} /> Fixed list
        </label>
        <label>
          <input type="radio" name="gd-plan-kind" value="wheel" checked={form.planKind === 'wheel'} onChange={() => onChange({ planKind: 'wheel' })} /> Wheel of misfortune
        </label>
      </div>
      {form.planKind === 'fixed' ? (
        <FixedPlan picked={form.scenarios} scenarios={scenarios} titleOf={titleOf} problems={problemsAt(problems, 'plan')} onChange={(list) => onChange({ scenarios: list })} />
      ) : (
        <WheelPlan form={form} scenarios={scenarios} problems={problems} onChange={onChange} />
      )}
    </fieldset>
  );
}

function FixedPlan({ picked, scenarios, titleOf, problems, onChange }: { picked: string[]; scenarios: ScenarioSummary[]; titleOf: (id: string) => string; problems: readonly Problem[]; onChange: (list: string[]) => void }) {
  const [choice, setChoice] = useState('');
  const move = (index: number, by: -1 | 1) => {
    const list = [...picked];
    const [item] = list.splice(index, 1);
    list.splice(index + by, 0, item!);
    onChange(list);
  };
  const available = scenarios.filter((scenario) => !picked.includes(scenario.id));
  return (
    <>
      {picked.length > 0 && (
        <ol className="gd-picked" aria-label="Scenarios, in the order they run">
          {picked.map((id, index) => (
            <li key={id}>
              <span className="grow">
                {titleOf(id)} <code className="muted small">{id}</code>
              </span>
              <button type="button" className="button small" aria-label={`Move ${titleOf(id)} earlier`} disabled={index === 0} onClick={() => move(index, -1)}>
                ↑
              </button>
              <button type="button" className="button small" aria-label={`Move ${titleOf(id)} later`} disabled={index === picked.length - 1} onClick={() => move(index, 1)}>
                ↓
              </button>
              <button type="button" className="button small" aria-label={`Remove ${titleOf(id)}`} onClick={() => onChange(picked.filter((other) => other !== id))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="gd-row">
        <div className="field grow">
          <label htmlFor="gd-add-scenario">Add a scenario</label>
          <select id="gd-add-scenario" value={choice} aria-invalid={problems.length > 0} aria-describedby="gd-plan-help" onChange={(event) => setChoice(event.target.value)}>
            <option value="">Choose a scenario…</option>
            {available.map((scenario) => (
              <option key={scenario.id} value={scenario.id}>
                {scenario.title} ({scenario.difficulty}) — {scenario.id}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button"
          disabled={!choice || picked.length >= 8}
          onClick={() => {
            onChange([...picked, choice]);
            setChoice('');
          }}
        >
          Add
        </button>
      </div>
      <FieldProblems id="gd-plan-help" problems={problems} hint="They start in this order (see spacing); up to 8." />
    </>
  );
}

function WheelPlan({ form, scenarios, problems, onChange }: { form: PlanForm; scenarios: ScenarioSummary[]; problems: readonly Problem[]; onChange: (changes: Partial<PlanForm>) => void }) {
  const drawsProblems = problemsAt(problems, 'plan.draws');
  const poolProblems = [...problemsAt(problems, 'plan.pool'), ...problemsAt(problems, 'plan.kind')];
  const togglePool = (id: string, on: boolean) => onChange({ pool: on ? [...form.pool, id] : form.pool.filter((other) => other !== id) });
  return (
    <>
      <div className="field">
        <label htmlFor="gd-draws">Scenarios drawn each time</label>
        <input id="gd-draws" className="short" type="number" min={1} max={8} value={form.draws} aria-invalid={drawsProblems.length > 0} aria-describedby="gd-draws-help" onChange={(event) => onChange({ draws: event.target.value })} />
        <FieldProblems id="gd-draws-help" problems={drawsProblems} hint="Drawn without repeats, favouring what the team drilled least." />
      </div>
      <fieldset className="gd-fieldset inner" aria-describedby="gd-pool-help">
        <legend>Pool (none ticked: the whole catalogue)</legend>
        <ul className="gd-pool">
          {scenarios.map((scenario) => (
            <li key={scenario.id}>
              <label>
                <input type="checkbox" checked={form.pool.includes(scenario.id)} onChange={(event) => togglePool(scenario.id, event.target.checked)} /> {scenario.title}{' '}
                <span className="muted small">({scenario.difficulty})</span>
              </label>
            </li>
          ))}
        </ul>
        <FieldProblems id="gd-pool-help" problems={poolProblems} />
      </fieldset>
      <fieldset className="gd-fieldset inner">
        <legend>Difficulty weights (relative chance)</legend>
        <div className="gd-row">
          {DIFFICULTIES.map((difficulty) => {
            const weightProblems = problemsAt(problems, `plan.difficultyWeights.${difficulty}`);
            return (
              <div className="field" key={difficulty}>
                <label htmlFor={`gd-weight-${difficulty}`}>{difficulty}</label>
                <input
                  id={`gd-weight-${difficulty}`}
                  className="short"
                  type="number"
                  min={0}
                  max={100}
                  step="any"
                  value={form.weights[difficulty]}
                  aria-invalid={weightProblems.length > 0}
                  aria-describedby={`gd-weight-${difficulty}-help`}
                  onChange={(event) => onChange({ weights: { ...form.weights, [difficulty]: event.target.value } })}
                />
                <FieldProblems id={`gd-weight-${difficulty}-help`} problems={weightProblems} />
              </div>
            );
          })}
        </div>
      </fieldset>
      <FieldProblems id="gd-wheel-help" problems={problems.filter((p) => problemsAt([p], 'plan').length > 0 && ![...drawsProblems, ...poolProblems].includes(p) && !DIFFICULTIES.some((d) => problemsAt([p], `plan.difficultyWeights.${d}`).length > 0))} />
    </>
  );
}
