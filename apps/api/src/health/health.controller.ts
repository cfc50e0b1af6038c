import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.js';
import { StackRegistry } from '../stacks/stack-registry.js';

const STARTED_AT = new Date().toISOString();

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly stacks: StackRegistry) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness of the API, with the number of running stacks' })
  health(): { status: 'ok'; startedAt: string; stacks: number } {
    return { status: 'ok', startedAt: STARTED_AT, stacks: this.stacks.size };
  }
}
