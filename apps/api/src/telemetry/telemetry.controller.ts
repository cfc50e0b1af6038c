import { applyDecorators, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { StackScoped } from '../auth/drill-access.js';
import { Roles } from '../auth/roles.js';
import { jsonSchemaOf } from '../common/openapi.js';
import { LogsQuerySchema, TracesQuerySchema } from './telemetry-queries.js';
import { TelemetryService } from './telemetry.service.js';

/** One OpenAPI query parameter per property of the zod schema that validates the query. */
function ApiQueryFrom(schema: z.ZodType): MethodDecorator {
  const properties = (jsonSchemaOf(schema).properties ?? {}) as Record<string, Record<string, unknown>>;
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) =>
      ApiQuery({ name, required: false, schema: property, description: property.description as string | undefined }),
    ),
  );
}

@ApiTags('telemetry')
@ApiBearerAuth()
@Roles('facilitator', 'responder', 'observer')
@StackScoped('id')
@Controller('api/stacks/:id')
export class TelemetryController {
  constructor(private readonly telemetry: TelemetryService) {}

  @Get('logs')
  @ApiOperation({ summary: 'Search the stack\'s service logs, newest first' })
  @ApiQueryFrom(LogsQuerySchema)
  logs(@Param('id') id: string, @Query() query: unknown) {
    return this.telemetry.searchLogs(id, query);
  }

  @Get('traces')
  @ApiOperation({ summary: 'Recent traces of the stack, latest first' })
  @ApiQueryFrom(TracesQuerySchema)
  traces(@Param('id') id: string, @Query() query: unknown) {
    return this.telemetry.listTraces(id, query);
  }

  @Get('traces/:traceId')
  @ApiOperation({ summary: 'One trace as a span tree (children nested, sorted by start)' })
  trace(@Param('id') id: string, @Param('traceId') traceId: string) {
    return this.telemetry.getTrace(id, traceId);
  }

  @Get('targets')
  @ApiOperation({ summary: 'Scrape targets of the stack and their health, as Prometheus shows them' })
  targets(@Param('id') id: string) {
    return this.telemetry.targets(id);
  }
}
