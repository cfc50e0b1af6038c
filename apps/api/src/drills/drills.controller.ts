import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DrillScoped } from '../auth/drill-access.js';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { Roles } from '../auth/roles.js';
import type { Principal } from '../auth/token.service.js';
import { ActionEnvelopeSchema } from '../actions/action-request.js';
import { parseWith } from '../common/errors.js';
import { jsonSchemaOf } from '../common/openapi.js';
import { CreateDrillInputSchema } from './create-drill.js';
import { DrillReportsService } from './drill-reports.service.js';
import {
  AbortDrillSchema,
  AcknowledgeSchema,
  DeclareSchema,
  DiagnosisSchema,
  HintSchema,
  PostmortemSchema,
  QuerySchema,
  StatusUpdateSchema,
} from './drill-requests.js';
import { DrillsService } from './drills.service.js';
import { actorOf, ResponderToolsService } from './responder-tools.service.js';

type QueryParams = Record<string, unknown>;

/**
 * Drills over HTTP. Routes without @Roles are the facilitator's. Every `:id` route is
 * @DrillScoped: a participant's token only opens its own drill (403 otherwise). Responders act
 * through the tool routes, each recorded on the timeline before it answers; observers only read.
 */
@ApiTags('drills')
@ApiBearerAuth()
@DrillScoped('id')
@Controller('api/drills')
export class DrillsController {
  constructor(
    private readonly drills: DrillsService,
    private readonly reports: DrillReportsService,
    private readonly tools: ResponderToolsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a drill from a catalogue scenario; answers one join link (with its token) per participant' })
  @ApiBody({ schema: jsonSchemaOf(CreateDrillInputSchema) })
  async create(@Body() body: unknown, @Req() request: Request) {
    const { id, joinLinks } = await this.drills.create(body);
    const base = `${request.protocol}://${request.get('host') ?? 'localhost'}`;
    return { id, joinLinks: joinLinks.map((link) => ({ ...link, url: `${base}/#token=${encodeURIComponent(link.token)}&drill=${id}` })) };
  }

  @Get()
  @ApiOperation({ summary: 'Every drill, newest first (?state=running&limit=100)' })
  list(@Query() query: QueryParams) {
    return this.reports.list(query);
  }

  @Get(':id')
  @Roles('facilitator', 'responder', 'observer')
  @ApiOperation({ summary: 'State, timers (t0…t5 ISO drill time; mttd, mtta, mttr in seconds, null until known), participants, brief, score once scored; the answer key only for the facilitator' })
  view(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.reports.view(id, principal);
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the drill: its own stack comes up and the fault timeline begins' })
  start(@Param('id') id: string) {
    return this.drills.start(id);
  }

  @Post(':id/abort')
  @HttpCode(200)
  @ApiOperation({ summary: 'Abort the drill: its faults are reverted and its stack removed' })
  @ApiBody({ schema: jsonSchemaOf(AbortDrillSchema), required: false })
  abort(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const { reason } = parseWith(AbortDrillSchema, body ?? {});
    return this.drills.abort(id, reason ?? 'aborted by the facilitator', actorOf(principal));
  }

  @Get(':id/timeline')
  @Roles('facilitator', 'responder', 'observer')
  @ApiOperation({ summary: 'The drill\'s events in order; participants see faults only as "an incident began", without kind or target' })
  timeline(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.reports.timeline(id, principal);
  }

  @Get(':id/impact')
  @ApiOperation({ summary: 'What the drill cost users so far: {t0, now, measuredTo, errorBudgetBurned, requestsFailed} in stack time (epoch ms), measured over [T0, min(T4, now)]' })
  impact(@Param('id') id: string) {
    return this.drills.impact(id);
  }

  @Post(':id/ack')
  @HttpCode(200)
  @Roles('facilitator', 'responder')
  @ApiOperation({ summary: 'Acknowledge the page (T2); answers the recorded event' })
  @ApiBody({ schema: jsonSchemaOf(AcknowledgeSchema), required: false })
  acknowledge(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.tools.acknowledge(id, principal, body);
  }

  @Post(':id/declare')
  @HttpCode(200)
  @Roles('facilitator', 'responder')
  @ApiOperation({ summary: 'Declare an incident (detection by a human when no alert has fired yet)' })
  @ApiBody({ schema: jsonSchemaOf(DeclareSchema) })
  declare(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.tools.declare(id, principal, body);
  }

  @Post(':id/query')
  @HttpCode(200)
  @Roles('facilitator', 'responder')
  @ApiOperation({ summary: 'PromQL on the drill\'s stack, instant or range (answer in Prometheus\'s shape); records the metrics it touches' })
  @ApiBody({ schema: jsonSchemaOf(QuerySchema) })
  query(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.tools.query(id, principal, body);
  }

  @Get(':id/logs')
  @Roles('facilitator', 'responder', 'observer')
  @ApiOperation({ summary: 'Search the drill stack\'s logs (service, level, q, traceId, from, to, limit as on /api/stacks/:id/logs)' })
  logs(@Param('id') id: string, @Query() query: QueryParams, @CurrentPrincipal() principal: Principal) {
    return this.tools.searchLogs(id, principal, query);
  }

  @Get(':id/traces')
  @Roles('facilitator', 'responder', 'observer')
  @ApiOperation({ summary: 'Recent traces of the drill\'s stack (service, minDurationMs, error, from, to, limit)' })
  traces(@Param('id') id: string, @Query() query: QueryParams) {
    return this.tools.listTraces(id, query);
  }

  @Get(':id/traces/:traceId')
  @Roles('facilitator', 'responder', 'observer')
  @ApiOperation({ summary: 'One trace as a span tree; recorded as a trace view with its services' })
  trace(@Param('id') id: string, @Param('traceId') traceId: string, @CurrentPrincipal() principal: Principal) {
    return this.tools.viewTrace(id, principal, traceId);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @Roles('facilitator', 'responder')
  @ApiOperation({ summary: 'Take a responder action of the allow-list on the drill\'s stack; refused and failed actions are recorded too' })
  @ApiBody({ schema: jsonSchemaOf(ActionEnvelopeSchema) })
  act(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.tools.act(id, principal, body);
  }

  @Post(':id/diagnosis')
  @HttpCode(200)
  @Roles('facilitator', 'responder')
  @ApiOperation({ summary: 'Submit a diagnosis (free text, optionally a root-cause id); it is scored, never judged here' })
  @ApiBody({ schema: jsonSchemaOf(DiagnosisSchema) })
  diagnose(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.tools.diagnose(id, principal, body);
  }

  @Post(':id/status-updates')
  @HttpCode(200)
  @Roles('facilitator', 'responder')
  @ApiOperation({ summary: 'Post a status update' })
  @ApiBody({ schema: jsonSchemaOf(StatusUpdateSchema) })
  statusUpdate(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.tools.postStatus(id, principal, body);
  }

  @Post(':id/hints')
  @HttpCode(200)
  @Roles('facilitator', 'responder')
  @ApiOperation({ summary: 'Reveal a hint; its cost comes off the score the first time it is asked for' })
  @ApiBody({ schema: jsonSchemaOf(HintSchema) })
  hint(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.tools.hint(id, principal, body);
  }

  @Get(':id/score')
  @Roles('facilitator', 'responder', 'observer')
  @ApiOperation({ summary: 'The score with its breakdown (409 until the drill is scored)' })
  score(@Param('id') id: string) {
    return this.reports.score(id);
  }

  @Post(':id/rescore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Score the drill again with the current rubric; older rubric versions\' scores stay' })
  rescore(@Param('id') id: string) {
    return this.drills.rescore(id);
  }

  @Get(':id/postmortem')
  @Roles('facilitator', 'responder', 'observer')
  @ApiProduces('application/json', 'text/markdown')
  @ApiOperation({
    summary: 'The postmortem: the submitted one, or a draft built from the timeline',
    description: 'JSON `{markdown, submitted, submittedBy?, submittedAt?, updatedAt?}`; the bare Markdown with `Accept: text/markdown`. Participants see the root cause once the drill is scored.',
  })
  postmortem(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response) {
    const postmortem = this.reports.postmortem(id, principal);
    if (!prefersMarkdown(accept)) return postmortem;
    response.type('text/markdown; charset=utf-8');
    return postmortem.markdown;
  }

  @Put(':id/postmortem')
  @Roles('facilitator', 'responder')
  @ApiOperation({ summary: 'Submit or edit the postmortem (after the drill resolved): closes the drill (T5)' })
  @ApiBody({ schema: jsonSchemaOf(PostmortemSchema) })
  submitPostmortem(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.reports.submitPostmortem(id, principal, body);
  }
}

/** `Accept: text/markdown` (and not JSON first) asks for the bare Markdown. */
function prefersMarkdown(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  const markdown = types.indexOf('text/markdown');
  const json = types.indexOf('application/json');
  return markdown !== -1 && (json === -1 || markdown < json);
}
