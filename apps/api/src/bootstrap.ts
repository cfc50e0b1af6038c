import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { ErrorFilter } from './common/error.filter.js';
import type { AppOptions } from './config/app-options.js';

/** Builds the API (not yet listening) exactly as `firedrill start` runs it; tests use it too. */
export async function createApp(options: AppOptions, logger: false | undefined = undefined): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), {
    logger: logger === false ? false : ['log', 'warn', 'error'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '256kb' });
  // Prometheus clients (Grafana) POST queries as forms.
  app.useBodyParser('urlencoded', { limit: '256kb', extended: false });
  app.useGlobalFilters(new ErrorFilter());
  app.disable('x-powered-by');
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Firedrill API')
      .setDescription('Chaos and incident-drill simulator: stacks, faults and (later) drills.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  if (options.webDist && existsSync(join(options.webDist, 'index.html'))) {
    app.useStaticAssets(options.webDist, { index: 'index.html' });
  }
  return app;
}
