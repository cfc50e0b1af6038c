import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError } from '../common/errors.js';
import { RealAlertsService } from './real-alerts.service.js';

/** Facilitator-only (no @Roles): Prometheus and Alertmanager send the facilitator token. */
@ApiTags('real monitoring')
@ApiBearerAuth()
@Controller('api')
export class PrometheusSdController {
  constructor(private readonly realAlerts: RealAlertsService) {}

  @Get('prometheus/sd')
  @ApiOperation({ summary: 'Prometheus HTTP service discovery: every running stack\'s replicas (?alertSource=prometheus, ?stack=ID to narrow)' })
  serviceDiscovery(@Query() query: unknown) {
    return this.realAlerts.serviceDiscovery(query);
  }

  @Post('alertmanager/webhook')
  @HttpCode(200)
  @ApiOperation({ summary: 'Alertmanager webhook (version 4) for every stack with alertSource prometheus; alerts go by their firedrill_stack label' })
  webhook(@Body() body: unknown) {
    if (body === undefined) throw new AppError('invalid_request', 'the webhook body must be JSON');
    return this.realAlerts.receiveWebhook(body);
  }
}
