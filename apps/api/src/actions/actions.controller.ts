import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { jsonSchemaOf } from '../common/openapi.js';
import { ActionEnvelopeSchema } from './action-request.js';
import { ActionsService } from './actions.service.js';
import { RESPONDER_ACTIONS } from './registry.js';

const actionsDescription = Object.values(RESPONDER_ACTIONS)
  .map((action) => `- \`${action.name}\`: ${action.summary}\n  params: \`${JSON.stringify(jsonSchemaOf(action.paramsSchema).properties ?? {})}\``)
  .join('\n');

/**
 * Responder actions on a stack outside a drill (facilitator-only: no @Roles). In a drill the
 * drill engine calls ActionsService itself, records the action and supplies rollback.
 */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('api/stacks/:stackId')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Post('actions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a responder action of the allow-list on the stack', description: actionsDescription })
  @ApiBody({ schema: jsonSchemaOf(ActionEnvelopeSchema) })
  run(@Param('stackId') stackId: string, @Body() body: unknown) {
    return this.actions.execute(stackId, body);
  }
}
