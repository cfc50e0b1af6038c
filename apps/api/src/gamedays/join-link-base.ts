import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { APP_OPTIONS, type AppOptions } from '../config/app-options.js';
import type { JoinLinkBase } from './gameday-runs.js';

/**
 * Where participants reach this server: FIREDRILL_PUBLIC_URL when set (behind a proxy, or when
 * the bind address is not what people type), else the configured host with the port the server
 * actually listens on, which differs from the configured one when that was 0.
 */
@Injectable()
export class ServerJoinLinkBase implements JoinLinkBase {
  constructor(
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  baseUrl(): string {
    const configured = process.env.FIREDRILL_PUBLIC_URL?.trim();
    if (configured) return configured.replace(/\/+$/, '');
    const address = this.adapterHost.httpAdapter?.getHttpServer()?.address() as AddressInfo | string | null | undefined;
    const port = typeof address === 'object' && address !== null ? address.port : this.options.port;
    // A wildcard bind is reachable under the machine's name, not under 0.0.0.0.
    const host = ['0.0.0.0', '::', ''].includes(this.options.host) ? hostname() : this.options.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }
}
