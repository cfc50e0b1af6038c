import { Module } from '@nestjs/common';

/** game days: definitions, the scheduler, runs, notifications and reports. */
@Module({})
export class GameDaysModule {}
