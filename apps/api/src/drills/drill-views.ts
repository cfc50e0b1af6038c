import { responderView, type Scenario } from '@firedrill/scenarios';
import type { Principal } from '../auth/token.service.js';
import type { DrillEvent } from './timeline.js';

/**
 * What each role may see of a drill. The facilitator sees everything; responders and observers
 * never see the fault timeline or the answer key (DESIGN.md, safety invariant 4), so every
 * response and websocket frame for them goes through these functions.
 */

/** The facilitator credential, not a participant. */
export function seesEverything(principal: Principal): boolean {
  return principal.role === 'facilitator' && principal.drillId === undefined;
}

/** Faults stay in the timeline (T0 is public) but say nothing about what broke or where. */
const REDACTED_TYPES = new Set<DrillEvent['type']>(['fault.injected', 'fault.reverted']);

export function eventForParticipant(event: DrillEvent): DrillEvent {
  if (REDACTED_TYPES.has(event.type)) return { ...event, data: {} as DrillEvent['data'] };
  // Whether users are fine is public; which of the scenario's checks fail names what broke.
  // The catalogue's ids describe the incident ("db-pool-exhaustion-…"); participants get the title from the view.
  if (event.type === 'drill.created') {
    const { scenarioId: _scenarioId, ...shown } = (event as DrillEvent<'drill.created'>).data;
    return { ...event, data: shown as DrillEvent['data'] };
  }
  if (event.type === 'checks.changed') return { ...event, data: { green: (event as DrillEvent<'checks.changed'>).data.green } as DrillEvent['data'] };
  return event;
}

export function eventFor(principal: Principal, event: DrillEvent): DrillEvent {
  return seesEverything(principal) ? event : eventForParticipant(event);
}

export function timelineFor(principal: Principal, events: readonly DrillEvent[]): DrillEvent[] {
  return events.map((event) => eventFor(principal, event));
}

/** The scenario as participants see it: the brief, severity and the hints' ids and costs. */
export function scenarioFor(principal: Principal, scenario: Scenario) {
  return seesEverything(principal) ? scenario : responderView(scenario);
}
