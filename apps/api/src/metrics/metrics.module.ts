import { Module } from '@nestjs/common';

/** Firedrill's own /metrics (prom-client). */
@Module({})
export class MetricsModule {}
