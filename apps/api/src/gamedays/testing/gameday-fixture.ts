import { FakeClock } from '@firedrill/clock';
import type { LoadedScenario } from '@firedrill/scenarios/loader';
import type { CreateDrillInput, DrillProvenance, JoinLink } from '../../drills/create-drill.js';
import type { DrillView } from '../../drills/drill-summary.js';
import type { DrillState } from '../../drills/timeline.js';
import { Database } from '../../store/sqlite/database.js';
import { GameDayRepository } from '../gameday-repository.js';
import { GameDayRuns, type GameDayDrills } from '../gameday-runs.js';
import type { GameDayInput, NotificationTarget } from '../gameday-schema.js';
import { GameDaysService } from '../gamedays.service.js';
import type { Delivery, GameDayEvent, GameDayNotifier } from '../notifier.js';

export const SCENARIOS = [
  { id: 'pool', difficulty: 'beginner' },
  { id: 'cache', difficulty: 'intermediate' },
  { id: 'leak', difficulty: 'advanced' },
].map(({ id, difficulty }) => ({ scenario: { metadata: { id, difficulty, title: `Scenario ${id}` } } }) as unknown as LoadedScenario);

/** A drill engine that only remembers: what was created with what, what was started and aborted. */
export class FakeDrills implements GameDayDrills {
  readonly created: Array<{ id: string; body: CreateDrillInput; provenance: DrillProvenance | undefined }> = [];
  readonly states = new Map<string, DrillState>();
  readonly started: string[] = [];
  readonly aborted: Array<{ id: string; reason: string }> = [];
  /** Scenarios whose drills refuse to start. */
  failStart = new Set<string>();
  private next = 0;

  constructor(private readonly prefix = 'drl') {}

  async create(body: unknown, provenance?: DrillProvenance): Promise<{ id: string; joinLinks: JoinLink[] }> {
    const input = body as CreateDrillInput;
    const id = `${this.prefix}-${++this.next}`;
    this.created.push({ id, body: input, provenance });
    this.states.set(id, 'created');
    const joinLinks = (input.responders ?? []).map((entry) => (typeof entry === 'string' ? { name: entry, role: 'responder' as const } : entry)).map((participant) => ({ ...participant, token: `tok-${id}-${participant.name}` }));
    return { id, joinLinks };
  }

  async start(id: string): Promise<DrillView> {
    const scenario = this.created.find((drill) => drill.id === id)!.body.scenario;
    if (this.failStart.has(scenario)) throw new Error('the stack did not come up');
    this.started.push(id);
    this.states.set(id, 'running');
    return this.view(id);
  }

  async abort(id: string, reason: string): Promise<DrillView> {
    this.aborted.push({ id, reason });
    this.states.set(id, 'aborted');
    return this.view(id);
  }

  view(id: string): DrillView {
    const state = this.states.get(id);
    if (!state) throw new Error(`drill "${id}" not found`);
    return { id, state, timers: { mttd: null, mtta: null, mttr: null, t4: null } } as unknown as DrillView;
  }

  scenarioOf(id: string) {
    const scenario = this.created.find((drill) => drill.id === id)!.body.scenario;
    return SCENARIOS.find((loaded) => loaded.scenario.metadata.id === scenario)!.scenario;
  }
}

export class RecordingNotifier implements GameDayNotifier {
  readonly sent: GameDayEvent[] = [];
  ok = true;

  async notify(targets: readonly NotificationTarget[], event: GameDayEvent): Promise<Delivery[]> {
    this.sent.push(event);
    return targets.map((target) => (this.ok ? { target: `${target.kind} test`, ok: true, attempts: 1 } : { target: `${target.kind} test`, ok: false, attempts: 3, error: 'HTTP 500' }));
  }
}

/** One API instance's game-day parts on a database file, on a shared fake wall clock. */
export function gameDayInstance(dbPath: string, clock: FakeClock, prefix = 'drl') {
  const database = Database.open(dbPath);
  const repository = new GameDayRepository(database);
  const drills = new FakeDrills(prefix);
  const notifier = new RecordingNotifier();
  const catalogue = { all: async () => SCENARIOS };
  const runs = new GameDayRuns(repository, drills, catalogue, notifier, clock, { baseUrl: () => 'http://127.0.0.1:4400' }, { graceMs: 120_000 });
  const service = new GameDaysService(repository, runs, drills, catalogue, clock);
  return { database, repository, drills, notifier, runs, service, close: () => database.close() };
}

export function gameDayInput(overrides: Partial<GameDayInput> = {}): GameDayInput {
  return {
    name: 'Friday chaos',
    team: 'payments',
    participants: [{ name: 'alex', role: 'responder' }, { name: 'sam', role: 'observer' }],
    plan: { kind: 'fixed', scenarios: ['pool'] },
    schedule: { kind: 'cron', expression: '0 14 * * 5', timeZone: 'Europe/Berlin' },
    notify: { before: '15m', targets: [{ kind: 'webhook', url: 'http://127.0.0.1:9/hook' }] },
    ...overrides,
  };
}

/** Moves a fake clock to an instant (never back). */
export async function moveTo(clock: FakeClock, iso: string): Promise<void> {
  const target = Date.parse(iso);
  if (target < clock.now()) throw new Error(`the clock is past ${iso}`);
  await clock.advance(target - clock.now());
}
