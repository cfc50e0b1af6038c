import type { GameDayParticipant, Problem } from '../../api/index.js';
import { FieldProblems } from './FieldProblems.js';
import { problemsAt, problemsExactlyAt } from './gameday-form.js';

interface Props {
  participants: GameDayParticipant[];
  problems: readonly Problem[];
  onChange: (participants: GameDayParticipant[]) => void;
}

/** Name + role rows; each row's server problems (participants.1.name) sit under that row. */
export function ParticipantsField({ participants, problems, onChange }: Props) {
  const change = (index: number, changes: Partial<GameDayParticipant>) => onChange(participants.map((row, i) => (i === index ? { ...row, ...changes } : row)));
  const own = problemsExactlyAt(problems, 'participants');
  return (
    <fieldset className="gd-fieldset" aria-describedby="gd-participants-help">
      <legend>Participants</legend>
      <ol className="gd-rows">
        {participants.map((participant, index) => {
          const rowProblems = problemsAt(problems, `participants.${index}`);
          return (
            <li key={index}>
              <div className="gd-row">
                <div className="field grow">
                  <label htmlFor={`gd-participant-${index}`}>Name {index + 1}</label>
                  <input
                    id={`gd-participant-${index}`}
                    value={participant.name}
                    autoComplete="off"
                    aria-invalid={rowProblems.length > 0}
                    aria-describedby={`gd-participant-${index}-help`}
                    onChange={(event) => change(index, { name: event.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`gd-participant-${index}-role`}>Role</label>
                  <select id={`gd-participant-${index}-role`} value={participant.role} onChange={(event) => change(index, { role: event.target.value as GameDayParticipant['role'] })}>
                    <option value="responder">responder</option>
                    <option value="observer">observer</option>
                  </select>
                </div>
                <button type="button" className="button small" aria-label={`Remove participant ${index + 1}${participant.name ? ` (${participant.name})` : ''}`} disabled={participants.length === 1} onClick={() => onChange(participants.filter((_, i) => i !== index))}>
                  Remove
                </button>
              </div>
              <FieldProblems id={`gd-participant-${index}-help`} problems={rowProblems} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="button small" onClick={() => onChange([...participants, { name: '', role: 'responder' }])} disabled={participants.length >= 20}>
        Add participant
      </button>
      <FieldProblems id="gd-participants-help" problems={own} hint="Each gets a join link when the game day starts; observers only watch." />
    </fieldset>
  );
}
