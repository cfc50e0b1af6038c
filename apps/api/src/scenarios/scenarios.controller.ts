import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { Roles } from '../auth/roles.js';
import type { Principal } from '../auth/token.service.js';
import { seesEverything } from '../drills/drill-views.js';
import { ScenarioCatalogue } from '../drills/scenario-catalogue.js';
import { runbookForParticipants, scenarioSummary } from './scenario-views.js';

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

  @Get(':id')
  @ApiOperation({ summary: 'One scenario with its runbook; participants get the brief and the runbook without its scoring evidence' })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    const { scenario, runbook } = await this.catalogue.get(id);
    const full = seesEverything(principal);
    return { ...scenarioSummary(scenario, full), runbook: full ? runbook : runbookForParticipants(runbook) };
  }
}
