import type BetterSqlite3 from 'better-sqlite3';

/**
 * One step of the schema. Versions start at 1 and go up by one; a step is never edited once
 * released, a change is a new step. Each runs in its own transaction together with its row in
 * `schema_migrations`, so a crash leaves the schema at a whole version.
 */
export interface Migration {
  version: number;
  /** What the step does, for logs and errors. */
  name: string;
  up: string | ((connection: BetterSqlite3.Database) => void);
}

const DRILLS_V1 = `
CREATE TABLE drills (
  id               TEXT PRIMARY KEY,
  scenario_id      TEXT NOT NULL,
  scenario_version INTEGER NOT NULL,
  -- The whole scenario as it was when the drill was created: later catalogue edits never
  -- change what a past drill was scored against.
  scenario_json    TEXT NOT NULL,
  runbook_json     TEXT,
  speed            REAL NOT NULL,
  state            TEXT NOT NULL,
  stack_id         TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX drills_by_state ON drills (state, created_at);
CREATE INDEX drills_by_created ON drills (created_at);

CREATE TABLE drill_events (
  drill_id   TEXT NOT NULL REFERENCES drills (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  type       TEXT NOT NULL,
  at         INTEGER NOT NULL,
  wall_at    INTEGER NOT NULL,
  actor_role TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  data_json  TEXT NOT NULL,
  PRIMARY KEY (drill_id, seq)
) WITHOUT ROWID;

CREATE TABLE participants (
  drill_id   TEXT NOT NULL REFERENCES drills (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL,
  -- SHA-256 hex of the participant's token; the token itself is never stored.
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (drill_id, name)
);

CREATE TABLE scores (
  drill_id       TEXT NOT NULL REFERENCES drills (id) ON DELETE CASCADE,
  rubric_version TEXT NOT NULL,
  total          REAL NOT NULL,
  breakdown_json TEXT NOT NULL,
  computed_at    INTEGER NOT NULL,
  PRIMARY KEY (drill_id, rubric_version)
);

CREATE TABLE postmortems (
  drill_id     TEXT PRIMARY KEY REFERENCES drills (id) ON DELETE CASCADE,
  markdown     TEXT NOT NULL,
  submitted_by TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
`;

// Who a drill was for and what started it: the scoreboard filters by team, and game days and the
// CI gate mark their own drills so a manager's numbers can leave robots out.
const DRILL_TEAM_AND_ORIGIN_V2 = `
ALTER TABLE drills ADD COLUMN team TEXT;
ALTER TABLE drills ADD COLUMN origin TEXT NOT NULL DEFAULT 'manual';
ALTER TABLE drills ADD COLUMN gameday_run_id TEXT;
CREATE INDEX drills_by_team ON drills (team, created_at);
`;

// Game days (issue 6). A run's (game day, planned start) is UNIQUE: inserting it is how one API
// instance claims an occurrence, so two instances on one data directory never both run it.
// `evaluated_until` is the durable "every occurrence up to here is decided" mark: after a restart
// the scheduler resumes there and records what it slept through as missed.
const GAMEDAYS_V3 = `
CREATE TABLE gamedays (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  team             TEXT NOT NULL,
  spec_json        TEXT NOT NULL,
  enabled          INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  evaluated_until  INTEGER NOT NULL,
  -- occurrences of the schedule in (created_at, evaluated_until]: "every: n" counts from creation
  evaluated_count  INTEGER NOT NULL
);

CREATE TABLE gameday_runs (
  id            TEXT PRIMARY KEY,
  gameday_id    TEXT NOT NULL REFERENCES gamedays (id) ON DELETE CASCADE,
  scheduled_for INTEGER NOT NULL,
  trigger       TEXT NOT NULL,
  state         TEXT NOT NULL,
  reason        TEXT,
  reminded_at   INTEGER,
  started_at    INTEGER,
  ended_at      INTEGER,
  created_at    INTEGER NOT NULL,
  UNIQUE (gameday_id, scheduled_for)
);
CREATE INDEX gameday_runs_by_state ON gameday_runs (state);

CREATE TABLE gameday_run_drills (
  run_id        TEXT NOT NULL REFERENCES gameday_runs (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  drill_id      TEXT NOT NULL,
  scenario_id   TEXT NOT NULL,
  starts_at     INTEGER NOT NULL,
  -- set by the instance that starts (or gives up on) the drill; NULL while it waits for its turn
  start_claimed_at INTEGER,
  PRIMARY KEY (run_id, position)
) WITHOUT ROWID;

CREATE TABLE gameday_notifications (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id  TEXT NOT NULL REFERENCES gameday_runs (id) ON DELETE CASCADE,
  kind    TEXT NOT NULL,
  target  TEXT NOT NULL,
  at      INTEGER NOT NULL,
  ok      INTEGER NOT NULL,
  error   TEXT
);
CREATE INDEX gameday_notifications_by_run ON gameday_notifications (run_id, id);
`;

/** The schema, oldest step first. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'drills, events, participants, scores, postmortems', up: DRILLS_V1 },
  { version: 2, name: 'drill team, origin and game-day run', up: DRILL_TEAM_AND_ORIGIN_V2 },
  { version: 3, name: 'game days, their runs, run drills and notifications', up: GAMEDAYS_V3 },
];

/** Throws unless versions run 1, 2, 3… — a gap or a duplicate is a programming error. */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`);
    }
  });
}
