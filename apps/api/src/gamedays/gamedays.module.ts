import { Module } from '@nestjs/common';
import { RealClock } from '@firedrill/clock';
import { ScheduleModule } from '@nestjs/schedule';
import { DrillsModule } from '../drills/drills.module.js';
import { DrillsService } from '../drills/drills.service.js';
import { ScenarioCatalogue } from '../drills/scenario-catalogue.js';
import { Database } from '../store/sqlite/database.js';
import { StoreModule } from '../store/store.module.js';
import { GameDayRepository } from './gameday-repository.js';
import { GameDayRuns } from './gameday-runs.js';
import { GameDaysController } from './gamedays.controller.js';
import { GameDaysScheduler } from './gamedays.scheduler.js';
import { GameDaysService } from './gamedays.service.js';
import { ServerJoinLinkBase } from './join-link-base.js';
import { WebhookNotifier } from './notifier.js';

/** Game days on the wall clock: schedules and runs are wall time, whatever speed their drills run at. */
const WALL_CLOCK = new RealClock();

/** game days: definitions, the scheduler, runs, notifications and reports. */
@Module({
  imports: [DrillsModule, StoreModule, ScheduleModule.forRoot()],
  controllers: [GameDaysController],
  providers: [
    ServerJoinLinkBase,
    { provide: GameDayRepository, inject: [Database], useFactory: (database: Database) => new GameDayRepository(database) },
    {
      provide: GameDayRuns,
      inject: [GameDayRepository, DrillsService, ScenarioCatalogue, ServerJoinLinkBase],
      useFactory: (repository: GameDayRepository, drills: DrillsService, catalogue: ScenarioCatalogue, links: ServerJoinLinkBase) =>
        new GameDayRuns(repository, drills, catalogue, new WebhookNotifier({ clock: WALL_CLOCK }), WALL_CLOCK, links),
    },
    {
      provide: GameDaysService,
      inject: [GameDayRepository, GameDayRuns, DrillsService, ScenarioCatalogue],
      useFactory: (repository: GameDayRepository, runs: GameDayRuns, drills: DrillsService, catalogue: ScenarioCatalogue) => new GameDaysService(repository, runs, drills, catalogue, WALL_CLOCK),
    },
    GameDaysScheduler,
  ],
  exports: [GameDaysService],
})
export class GameDaysModule {}
