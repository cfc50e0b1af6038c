import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, ERROR_STATUS, type ErrorCode } from './errors.js';

const CODE_BY_STATUS = new Map<number, ErrorCode>(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]),
);

/** The one place errors become responses: `{statusCode, error, message, problems}`. Never a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const error = this.toAppError(exception);
    if (error.code === 'internal') this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    if (response.headersSent) return;
    response.status(error.status).json({
      statusCode: error.status,
      error: error.code,
      message: error.message,
      ...(error.problems.length > 0 ? { problems: error.problems } : {}),
    });
  }

  private toAppError(exception: unknown): AppError {
    if (exception instanceof AppError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS.get(status) ?? (status < 500 ? 'invalid_request' : 'internal');
      return new AppError(code, messageOf(exception));
    }
    const bodyError = exception as { type?: string; status?: number } | undefined;
    if (bodyError?.type === 'entity.parse.failed') return new AppError('invalid_request', 'request body is not valid JSON');
    if (bodyError?.type === 'entity.too.large') return new AppError('payload_too_large', 'request body is too large');
    return new AppError('internal', 'internal error; the server log has the details');
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
