import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { APP_OPTIONS, type AppOptions } from '../config/app-options.js';
import { Database, DATABASE_FILE } from './sqlite/database.js';
import { DrillRepository } from './sqlite/drill-repository.js';

/**
 * The drill store, global so the engine, auth and the drills API share one connection. The file
 * is opened (and migrated) when the module is instantiated, before any onModuleInit hook, and
 * closed at shutdown: global modules shut down last, so drill services can still write their
 * final events from their own shutdown hooks.
 */
@Global()
@Module({
  providers: [
    {
      provide: Database,
      inject: [APP_OPTIONS],
      useFactory: (options: AppOptions) => Database.open(join(options.dataDir, DATABASE_FILE)),
    },
    { provide: DrillRepository, inject: [Database], useFactory: (database: Database) => new DrillRepository(database) },
  ],
  exports: [Database, DrillRepository],
})
export class StoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger('StoreModule');

  constructor(@Inject(Database) private readonly database: Database) {}

  onApplicationShutdown(): void {
    try {
      this.database.close();
    } catch (error) {
      this.logger.warn(`closing ${this.database.path}: ${(error as Error).message}`);
    }
  }
}
