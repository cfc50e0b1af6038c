import { Inject, Injectable, Logger } from '@nestjs/common';
import { loadCatalogue, ScenarioError, type LoadedScenario, type ScenarioVocabulary } from '@firedrill/scenarios/loader';
import { AppError } from '../common/errors.js';

/** Where the scenarios come from and what they may refer to; provided by the drills module. */
export const SCENARIO_CATALOGUE_SOURCE = Symbol('SCENARIO_CATALOGUE_SOURCE');

export interface ScenarioCatalogueSource {
  dir: string;
  vocabulary: () => ScenarioVocabulary;
}

/**
 * The scenarios drills are played from: the catalogue directory, loaded and validated once on
 * first use, plus scenarios added at run time (a file given to the gate CLI, a test's own).
 */
@Injectable()
export class ScenarioCatalogue {
  private readonly logger = new Logger('scenarios');
  private loading: Promise<LoadedScenario[]> | undefined;
  private readonly added = new Map<string, LoadedScenario>();

  constructor(@Inject(SCENARIO_CATALOGUE_SOURCE) private readonly source: ScenarioCatalogueSource) {}

  /** Every scenario, sorted by id; added ones replace catalogue ones of the same id. */
  async all(): Promise<LoadedScenario[]> {
    const byId = new Map((await this.catalogue()).map((loaded) => [loaded.scenario.metadata.id, loaded]));
    for (const [id, loaded] of this.added) byId.set(id, loaded);
    return [...byId.values()].sort((a, b) => a.scenario.metadata.id.localeCompare(b.scenario.metadata.id));
  }

  /** The scenario with this id; 404 when there is none. */
  async get(id: string): Promise<LoadedScenario> {
    const loaded = this.added.get(id) ?? (await this.catalogue()).find((candidate) => candidate.scenario.metadata.id === id);
    if (!loaded) throw AppError.notFound(`scenario "${id}"`);
    return loaded;
  }

  /** Makes an already validated scenario available to drills beside the catalogue. */
  add(loaded: LoadedScenario): void {
    this.added.set(loaded.scenario.metadata.id, loaded);
  }

  private catalogue(): Promise<LoadedScenario[]> {
    this.loading ??= loadCatalogue(this.source.dir, this.source.vocabulary()).then(
      (loaded) => {
        this.logger.log(`${loaded.length} scenario(s) in ${this.source.dir}`);
        return loaded;
      },
      (error: unknown) => {
        // Not cached: a fixed catalogue file is picked up on the next request.
        this.loading = undefined;
        const detail = error instanceof ScenarioError ? error.message : (error as Error).message;
        throw new AppError('internal', `the scenario catalogue ${this.source.dir} is invalid: ${detail}`);
      },
    );
    return this.loading;
  }
}
