import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StackScoped } from '../auth/drill-access.js';
import { jsonSchemaOf } from '../common/openapi.js';
import { FaultsService } from './faults.service.js';
import { FaultEnvelopeSchema } from './fault-request.js';
import { FAULT_KINDS } from './registry.js';

const kindsDescription = FAULT_KINDS.map(
  (kind) => `- \`${kind.kind}\`: ${kind.summary} Effect: ${kind.effect}\n  params: \`${JSON.stringify(jsonSchemaOf(kind.paramsSchema).properties ?? {})}\``,
).join('\n');

@ApiTags('faults')
@ApiBearerAuth()
@StackScoped('stackId')
@Controller('api/stacks/:stackId')
export class FaultsController {
  constructor(private readonly faults: FaultsService) {}

  @Post('faults')
  @ApiOperation({ summary: 'Inject a fault (a lease the chaos agent enforces)', description: kindsDescription })
  @ApiBody({ schema: jsonSchemaOf(FaultEnvelopeSchema) })
  create(@Param('stackId') stackId: string, @Body() body: unknown) {
    return this.faults.create(stackId, body);
  }

  @Get('faults')
  @ApiOperation({ summary: 'The stack\'s faults, active and recently ended' })
  list(@Param('stackId') stackId: string) {
    return this.faults.list(stackId);
  }

  @Get('faults/:faultId')
  @ApiOperation({ summary: 'One fault, with its state in each replica' })
  get(@Param('stackId') stackId: string, @Param('faultId') faultId: string) {
    return this.faults.get(stackId, faultId);
  }

  @Delete('faults/:faultId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revert a fault (idempotent)' })
  revert(@Param('stackId') stackId: string, @Param('faultId') faultId: string) {
    return this.faults.revert(stackId, faultId);
  }

  @Post('reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revert every fault of the stack at once' })
  reset(@Param('stackId') stackId: string) {
    return this.faults.reset(stackId);
  }
}
