import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { Roles } from '../auth/roles.js';
import type { Principal } from '../auth/token.service.js';
import { seesEverything } from '../drills/drill-views.js';
import { ScenarioCatalogue } from '../drills/scenario-catalogue.js';
import { jsonSchemaOf } from '../common/openapi.js';
import { loadUploadedScenario, ScenarioUploadSchema } from './scenario-upload.js';
import { runbookForParticipants, scenarioSummary } from './scenario-views.js';
import { buildScenarioVocabulary } from './vocabulary.js';

/** The scenario catalogue. Everyone may browse it; the answer key is the facilitator's alone. */
@ApiTags('scenarios')
@ApiBearerAuth()
@Roles('facilitator', 'responder', 'observer')
@Controller('api/scenarios')
export class ScenariosController {
  constructor(private readonly catalogue: ScenarioCatalogue) {}

  @Get()
  @ApiOperation({ summary: 'The catalogue: id, title, summary, severity, difficulty, tags, hint costs; the whole scenario for the facilitator' })
  async list(@CurrentPrincipal() principal: Principal) {
    const full = seesEverything(principal);
    return { scenarios: (await this.catalogue.all()).map(({ scenario }) => scenarioSummary(scenario, full)) };
  }

  @Post()
  @Roles('facilitator')
  @ApiOperation({ summary: 'Add a scenario (file name, YAML and runbook) beside the catalogue until the API stops, e.g. for `firedrill gate FILE`; 400 with every problem as file:line:col' })
  @ApiBody({ schema: jsonSchemaOf(ScenarioUploadSchema) })
  async add(@Body() body: unknown) {
    const loaded = await loadUploadedScenario(body, buildScenarioVocabulary());
    const replaced = (await this.catalogue.all()).some(({ scenario }) => scenario.metadata.id === loaded.scenario.metadata.id);
    this.catalogue.add(loaded);
    return { ...scenarioSummary(loaded.scenario, true), replaced };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One scenario with its runbook; participants get the brief and the runbook without its scoring evidence' })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    const { scenario, runbook } = await this.catalogue.get(id);
    const full = seesEverything(principal);
    return { ...scenarioSummary(scenario, full), runbook: full ? runbook : runbookForParticipants(runbook) };
  }
}
