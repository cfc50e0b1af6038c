import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MetricsService } from './metrics.service.js';

/**
 * Firedrill's own metrics for a real Prometheus. Facilitator only (no @Roles): the figures are the
 * scoreboard's. Prometheus sends the token with `authorization: {credentials: …}` in its scrape config.
 */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus text format: drills by outcome, MTTD/MTTA/MTTR histograms, active drills/faults/stacks, rule evaluation and scrape health, process metrics' })
  async get(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    // Written directly: Express's send() would reorder the content type's parameters (charset first).
    response.status(200).setHeader('content-type', contentType);
    response.setHeader('cache-control', 'no-store');
    response.end(body);
  }
}
