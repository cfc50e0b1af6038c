import { useEffect, useRef, useState } from 'react';
import { formatClock } from '../../components/charts/chart-format.js';
import { shownLabels, type Page } from './console-model.js';
import { beep, saveSoundPreference, soundPreference } from './pager-sound.js';

/** Wall ms between beeps while a page waits for its acknowledgement. */
const REPEAT_MS = 15_000;

export interface PagerProps {
  page: Page | null;
  acknowledged: boolean;
  /** When the acknowledgement was recorded (ISO drill time). */
  acknowledgedAt: string | null;
  /** Null when this credential cannot acknowledge (an observer, or the drill is over). */
  onAcknowledge: (() => void) | null;
  acknowledging: boolean;
  error: string | null;
  onOpenRunbook: () => void;
}

/**
 * The pager: a loud banner from the first alert that fires until someone acknowledges it (one
 * click or the `a` key), with an optional beep. Announced assertively to screen readers.
 */
export function Pager({ page, acknowledged, acknowledgedAt, onAcknowledge, acknowledging, error, onOpenRunbook }: PagerProps) {
  const [sound, setSound] = useState(soundPreference);
  const ringing = page !== null && !acknowledged;
  const ackButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!ringing || !sound) return;
    beep();
    const timer = setInterval(beep, REPEAT_MS);
    return () => clearInterval(timer);
  }, [ringing, sound]);

  const toggleSound = () => {
    const next = !sound;
    setSound(next);
    saveSoundPreference(next);
    if (next) beep(); // a user gesture: lets the browser allow audio from now on
  };

  return (
    <section className={`pager ${ringing ? 'ringing' : acknowledged ? 'acknowledged' : 'quiet'}`} aria-labelledby="pager-heading">
      <div aria-live="assertive" aria-atomic="true" className="pager-live">
        {ringing && page && (
          <div className="pager-banner">
            <div className="pager-text">
              <h2 id="pager-heading">
                <span className="pager-icon" aria-hidden="true">
                  ●
                </span>{' '}
                Paged: {page.name}
                {page.severity && <span className={`badge sev-${page.severity}`}>{page.severity}</span>}
              </h2>
              {page.summary && <p className="pager-summary">{page.summary}</p>}
              {page.othersFiring > 0 && (
                <p className="pager-more">
                  and {page.othersFiring} more alert{page.othersFiring === 1 ? '' : 's'} firing
                </p>
              )}
              <p className="pager-meta">
                {page.firedAt && <>fired at {formatClock(Date.parse(page.firedAt) / 1000)} drill time</>}
                {shownLabels(page.labels, true).map(([name, value]) => (
                  <span key={name} className="label-chip">
                    {name}={value}
                  </span>
                ))}
              </p>
            </div>
            <div className="pager-actions">
              {onAcknowledge ? (
                <button ref={ackButton} type="button" className="button primary pager-ack" onClick={onAcknowledge} disabled={acknowledging} aria-keyshortcuts="a">
                  {acknowledging ? 'Acknowledging…' : 'Acknowledge'} <kbd>a</kbd>
                </button>
              ) : (
                <p className="muted">Only a responder can acknowledge.</p>
              )}
              <button type="button" className="button small" onClick={onOpenRunbook}>
                Open runbook
              </button>
            </div>
          </div>
        )}
        {!ringing && acknowledged && page && (
          <p className="pager-acked" id="pager-heading">
            <span className="badge ok">acknowledged</span> {page.name}{' '}
            {shownLabels(page.labels, true).map(([name, value]) => (
              <span key={name} className="label-chip">
                {name}={value}
              </span>
            ))}
            {acknowledgedAt && <span className="muted"> at {formatClock(Date.parse(acknowledgedAt) / 1000)} drill time</span>}
          </p>
        )}
        {!page && (
          <p className="pager-quiet muted" id="pager-heading">
            No page yet. Watch the dashboards; the pager goes off when an alert fires.
          </p>
        )}
      </div>
      {error && (
        <p className="error-message" role="alert">
          Could not acknowledge: {error}
        </p>
      )}
      <label className="pager-sound">
        <input type="checkbox" checked={sound} onChange={toggleSound} /> Pager sound
      </label>
    </section>
  );
}
