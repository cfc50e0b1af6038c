import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StackScoped } from '../auth/drill-access.js';
import { Roles } from '../auth/roles.js';
import { AlertingService } from '../alerting/alerting.service.js';
import { PrometheusApiService } from './prometheus-api.service.js';
import { PrometheusErrorFilter } from './prometheus-error.filter.js';

type Params = Record<string, unknown>;

/** Prometheus's own parameters may arrive in the query string or (POST) as a form body. */
function merged(query: Params, body: unknown): Params {
  return { ...query, ...(body && typeof body === 'object' ? (body as Params) : {}) };
}

/**
 * Prometheus's HTTP API, per stack, so Grafana or any Prometheus client can use a stack as a
 * data source: `<api>/api/stacks/<id>/prometheus` is the data-source URL.
 */
@ApiTags('prometheus')
@ApiBearerAuth()
@Roles('facilitator', 'responder', 'observer')
@StackScoped('stackId')
@UseFilters(PrometheusErrorFilter)
@Controller('api/stacks/:stackId/prometheus/api/v1')
export class PrometheusApiController {
  constructor(
    private readonly api: PrometheusApiService,
    private readonly alerting: AlertingService,
  ) {}

  @Get('query')
  @ApiOperation({ summary: 'Instant query (Prometheus /api/v1/query)' })
  query(@Param('stackId') stackId: string, @Query() query: Params) {
    return this.api.query(stackId, query);
  }

  @Post('query')
  @HttpCode(200)
  @ApiOperation({ summary: 'Instant query with form-encoded parameters' })
  queryPost(@Param('stackId') stackId: string, @Query() query: Params, @Body() body: unknown) {
    return this.api.query(stackId, merged(query, body));
  }

  @Get('query_range')
  @ApiOperation({ summary: 'Range query (Prometheus /api/v1/query_range); at most 11,000 points per series' })
  queryRange(@Param('stackId') stackId: string, @Query() query: Params) {
    return this.api.queryRange(stackId, query);
  }

  @Post('query_range')
  @HttpCode(200)
  @ApiOperation({ summary: 'Range query with form-encoded parameters' })
  queryRangePost(@Param('stackId') stackId: string, @Query() query: Params, @Body() body: unknown) {
    return this.api.queryRange(stackId, merged(query, body));
  }

  @Get('series')
  @ApiOperation({ summary: 'Series matching match[] selectors' })
  series(@Param('stackId') stackId: string, @Query() query: Params) {
    return this.api.series(stackId, query);
  }

  @Post('series')
  @HttpCode(200)
  seriesPost(@Param('stackId') stackId: string, @Query() query: Params, @Body() body: unknown) {
    return this.api.series(stackId, merged(query, body));
  }

  @Get('labels')
  @ApiOperation({ summary: 'Label names' })
  labels(@Param('stackId') stackId: string, @Query() query: Params) {
    return this.api.labels(stackId, query);
  }

  @Post('labels')
  @HttpCode(200)
  labelsPost(@Param('stackId') stackId: string, @Query() query: Params, @Body() body: unknown) {
    return this.api.labels(stackId, merged(query, body));
  }

  @Get('label/:name/values')
  @ApiOperation({ summary: 'Values of one label' })
  labelValues(@Param('stackId') stackId: string, @Param('name') name: string, @Query() query: Params) {
    return this.api.labelValues(stackId, name, query);
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Active alerts (Prometheus /api/v1/alerts)' })
  alerts(@Param('stackId') stackId: string) {
    return { status: 'success', data: this.alerting.prometheusAlerts(stackId) };
  }

  @Get('rules')
  @ApiOperation({ summary: 'Rule groups with health and last error (Prometheus /api/v1/rules)' })
  rules(@Param('stackId') stackId: string, @Query() query: Params) {
    return { status: 'success', data: this.alerting.prometheusRules(stackId, query) };
  }

  @Get('status/buildinfo')
  @ApiOperation({ summary: 'Build information, which Grafana asks for when it adds the data source' })
  buildInfo() {
    return { status: 'success', data: { version: '3.0.0', revision: 'firedrill', branch: 'firedrill', buildUser: 'firedrill', buildDate: '', goVersion: 'n/a' } };
  }
}
