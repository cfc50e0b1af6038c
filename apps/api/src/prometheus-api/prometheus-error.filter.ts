import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '../common/errors.js';
import { ErrorFilter } from '../common/error.filter.js';
import { PrometheusApiError } from './prometheus-params.js';

const ERROR_TYPE_BY_STATUS: Record<number, string> = { 400: 'bad_data', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

/**
 * Prometheus clients (Grafana, promtool, client libraries) expect Prometheus's error shape:
 * `{status:"error", errorType, error}`. Anything else falls through to the API's own filter.
 */
@Catch()
export class PrometheusErrorFilter implements ExceptionFilter {
  private readonly fallback = new ErrorFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof PrometheusApiError) {
      response.status(exception.status).json({ status: 'error', errorType: exception.errorType, error: exception.message });
      return;
    }
    if (exception instanceof AppError && exception.status < 500) {
      response.status(exception.status).json({
        status: 'error',
        errorType: ERROR_TYPE_BY_STATUS[exception.status] ?? 'bad_data',
        error: exception.message,
      });
      return;
    }
    this.fallback.catch(exception, host);
  }
}
