/**
 * The store's own errors. It knows nothing of HTTP: callers map them (an unknown drill is a 404,
 * a duplicate participant a 409). Plain classes so the store stays usable outside Nest.
 */
export class SchemaTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `${path} has schema version ${found}, but this firedrill only knows versions up to ${known}: ` +
        'it was written by a newer firedrill. Upgrade firedrill, or point --data at another directory.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export class UnknownDrillError extends Error {
  constructor(readonly drillId: string) {
    super(`drill ${drillId} not found`);
    this.name = 'UnknownDrillError';
  }
}

export class DuplicateDrillError extends Error {
  constructor(readonly drillId: string) {
    super(`drill ${drillId} already exists`);
    this.name = 'DuplicateDrillError';
  }
}

export class DuplicateParticipantError extends Error {
  constructor(
    readonly drillId: string,
    readonly participant: string,
  ) {
    super(`drill ${drillId} already has a participant named ${participant}`);
    this.name = 'DuplicateParticipantError';
  }
}
