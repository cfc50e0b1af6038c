import { useMemo } from 'react';
import type { Problem } from '../../api/index.js';
import { FieldProblems } from './FieldProblems.js';
import { isKnownTimeZone, timeZones } from './zone-time.js';

/**
 * An IANA time zone, typed with suggestions (a select of 400 zones is slow to scroll; a datalist
 * filters as you type). One shared datalist: the browser's own list.
 */
export function TimeZoneField({ id, value, problems, onChange }: { id: string; value: string; problems: readonly Problem[]; onChange: (zone: string) => void }) {
  const zones = useMemo(timeZones, []);
  const unknown = value.trim() !== '' && !isKnownTimeZone(value.trim());
  const shown = unknown && problems.length === 0 ? [{ field: 'schedule.timeZone', message: `"${value}" is not a time zone this browser knows` }] : problems;
  return (
    <div className="field">
      <label htmlFor={id}>Time zone</label>
      <input id={id} list="gd-time-zones" value={value} autoComplete="off" spellCheck={false} aria-invalid={shown.length > 0} aria-describedby={`${id}-help`} onChange={(event) => onChange(event.target.value)} />
      <datalist id="gd-time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <FieldProblems id={`${id}-help`} problems={shown} hint="e.g. Europe/Berlin; daylight saving time is followed." />
    </div>
  );
}
