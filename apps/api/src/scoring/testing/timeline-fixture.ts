/**
 * Builds synthetic drill timelines for tests: events at offsets from a fixed start, numbered in
 * order, so a test reads like the drill it describes.
 */
import type { Actor, DrillEvent, DrillEventData, DrillEventType } from '../../drills/timeline.js';

/** 2030-01-01T00:00:00Z: fixed so that dates printed in postmortems are stable. */
export const FIXTURE_START = Date.UTC(2030, 0, 1, 0, 0, 0);

export const ENGINE: Actor = { role: 'system', name: 'engine' };
export const ALERTING: Actor = { role: 'system', name: 'alerting' };
export const FACILITATOR: Actor = { role: 'facilitator', name: 'facilitator' };
export function responder(name = 'alice'): Actor {
  return { role: 'responder', name };
}

/** Parses `90s`, `2m10s`, `1h`, or a number of seconds. */
export function offsetMs(offset: string | number): number {
  if (typeof offset === 'number') return offset * 1000;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(offset);
  if (match === null || offset === '') throw new Error(`bad offset '${offset}'`);
  const [, h = '0', m = '0', s = '0'] = match;
  return (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
}

export class TimelineBuilder {
  private readonly events: DrillEvent[] = [];

  constructor(
    private readonly drillId = 'drill-1',
    private readonly start = FIXTURE_START,
  ) {}

  /** Appends an event `offset` after the start; events must be added in time order. */
  at<T extends DrillEventType>(offset: string | number, type: T, data: DrillEventData[T], actor: Actor = ENGINE): this {
    const at = this.start + offsetMs(offset);
    const previous = this.events.at(-1);
    if (previous !== undefined && previous.at > at) throw new Error(`event ${type} at ${offset} is before the previous one`);
    this.events.push({ drillId: this.drillId, seq: this.events.length + 1, type, at, wallAt: at, actor, data } as DrillEvent);
    return this;
  }

  build(): DrillEvent[] {
    return this.events.map((event) => ({ ...event }));
  }
}

export function timeline(drillId?: string, start?: number): TimelineBuilder {
  return new TimelineBuilder(drillId, start);
}
