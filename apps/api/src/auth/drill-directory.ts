import type { Role } from './roles.js';

/** A drill participant as its credential names them. */
export interface DrillParticipant {
  drillId: string;
  name: string;
  role: Role;
}

/**
 * What authentication needs to know about drills, without the auth module depending on the drill
 * engine: who holds a participant token, and which stack a drill runs on. The drills API module
 * provides it (globally); without it only the facilitator credential exists.
 */
export abstract class DrillDirectory {
  abstract participantByToken(token: string): DrillParticipant | undefined;
  /** The stack the drill plays on; undefined before its stack exists or for an unknown drill. */
  abstract stackIdOf(drillId: string): string | undefined;
  abstract hasDrill(drillId: string): boolean;
}

/** The store's view of participants and stacks (a participant token is only ever stored hashed). */
export interface DrillStoreLookups {
  findParticipantByToken(token: string): DrillParticipant | undefined;
  getDrill(id: string): { stackId: string | null } | undefined;
}

export class StoredDrillDirectory extends DrillDirectory {
  constructor(private readonly store: DrillStoreLookups) {
    super();
  }

  participantByToken(token: string): DrillParticipant | undefined {
    return this.store.findParticipantByToken(token);
  }

  stackIdOf(drillId: string): string | undefined {
    return this.store.getDrill(drillId)?.stackId ?? undefined;
  }

  hasDrill(drillId: string): boolean {
    return this.store.getDrill(drillId) !== undefined;
  }
}
