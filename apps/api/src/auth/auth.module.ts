import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DrillRepository } from '../store/sqlite/drill-repository.js';
import { DrillDirectory, StoredDrillDirectory } from './drill-directory.js';
import { RolesGuard } from './roles.guard.js';
import { TokenService } from './token.service.js';

@Global()
@Module({
  providers: [
    // Participant tokens live in the drill store (global StoreModule).
    { provide: DrillDirectory, inject: [DrillRepository], useFactory: (drills: DrillRepository) => new StoredDrillDirectory(drills) },
    TokenService,
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [TokenService, DrillDirectory],
})
export class AuthModule {}
