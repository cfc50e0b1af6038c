export { Database, DATABASE_FILE, type DatabaseOptions } from './database.js';
export { DrillRepository } from './drill-repository.js';
export { DuplicateDrillError, DuplicateParticipantError, SchemaTooNewError, UnknownDrillError } from './errors.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export * from './records.js';
export { hashToken } from './token-hash.js';
