import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StackScoped } from '../auth/drill-access.js';
import { Roles } from '../auth/roles.js';
import { AppError } from '../common/errors.js';
import { AlertingService } from './alerting.service.js';

@ApiTags('alerting')
@ApiBearerAuth()
@StackScoped('stackId')
@Controller('api/stacks/:stackId')
export class AlertingController {
  constructor(private readonly alerting: AlertingService) {}

  @Get('alerts')
  @Roles('facilitator', 'responder', 'observer')
  @ApiOperation({ summary: 'Active alerts (pending and firing) with activeAt and firedAt' })
  alerts(@Param('stackId') stackId: string) {
    return this.alerting.alerts(stackId);
  }

  @Get('alerts/history')
  @Roles('facilitator', 'responder', 'observer')
  @ApiOperation({ summary: 'Alert state transitions, oldest first (the last 1000)' })
  history(@Param('stackId') stackId: string) {
    return this.alerting.history(stackId);
  }

  @Get('notifications')
  @ApiOperation({ summary: 'Notifications the notifier sent (the last 200), with delivery results' })
  notifications(@Param('stackId') stackId: string) {
    return this.alerting.notifications(stackId);
  }

  @Put('notifier')
  @ApiOperation({ summary: 'Replace the notifier config (Alertmanager route/receivers/inhibit_rules shape, as JSON)' })
  configureNotifier(@Param('stackId') stackId: string, @Body() body: unknown) {
    return this.alerting.configureNotifier(stackId, body);
  }

  @Get('silences')
  @Roles('facilitator', 'responder', 'observer')
  @ApiOperation({ summary: 'Silences with their state' })
  silences(@Param('stackId') stackId: string) {
    return { silences: this.alerting.forStack(stackId).notifier.silences.list() };
  }

  @Post('silences')
  @Roles('facilitator', 'responder')
  @ApiOperation({ summary: 'Create a silence (matchers, startsAt, endsAt, createdBy, comment)' })
  createSilence(@Param('stackId') stackId: string, @Body() body: unknown) {
    return this.alerting.createSilence(stackId, body);
  }

  @Delete('silences/:silenceId')
  @HttpCode(200)
  @Roles('facilitator', 'responder')
  @ApiOperation({ summary: 'Expire a silence' })
  expireSilence(@Param('stackId') stackId: string, @Param('silenceId') silenceId: string) {
    return this.alerting.expireSilence(stackId, silenceId);
  }

  @Post('alertmanager/webhook')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive an Alertmanager webhook (version 4): a real Alertmanager as the stack\'s alert source' })
  webhook(@Param('stackId') stackId: string, @Body() body: unknown, @Query() _query: unknown) {
    if (body === undefined) throw new AppError('invalid_request', 'the webhook body must be JSON');
    return this.alerting.receiveWebhook(stackId, body);
  }
}
