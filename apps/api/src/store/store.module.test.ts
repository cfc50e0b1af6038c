import 'reflect-metadata';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_OPTIONS, DEFAULT_OPTIONS } from '../config/app-options.js';
import { Database } from './sqlite/database.js';
import { DrillRepository } from './sqlite/drill-repository.js';
import { drillFixture, temporaryDataDir } from './sqlite/testing/store-fixture.js';
import { StoreModule } from './store.module.js';

@Global()
@Module({})
class OptionsModule {
  static register(dataDir: string): DynamicModule {
    const options = { provide: APP_OPTIONS, useValue: { ...DEFAULT_OPTIONS, dataDir } };
    return { module: OptionsModule, providers: [options], exports: [options] };
  }
}

describe('StoreModule', () => {
  let data: ReturnType<typeof temporaryDataDir>;
  beforeEach(() => (data = temporaryDataDir()));
  afterEach(() => data.remove());

  it('opens DATA_DIR/firedrill.db for the app and closes it at shutdown', async () => {
    const app = await NestFactory.createApplicationContext({ module: class Root {}, imports: [OptionsModule.register(data.dir), StoreModule] }, { logger: false });
    const drills = app.get(DrillRepository);
    const database = app.get(Database);
    expect(database.path).toBe(join(data.dir, 'firedrill.db'));
    expect(existsSync(database.path)).toBe(true);
    drills.createDrill(drillFixture('d1'));
    await app.close();
    expect(database.isOpen).toBe(false);

    const reopened = Database.open(database.path);
    expect(new DrillRepository(reopened).getDrill('d1')?.id).toBe('d1');
    reopened.close();
  });
});
