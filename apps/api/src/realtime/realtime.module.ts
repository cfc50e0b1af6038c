import { Global, Module } from '@nestjs/common';
import { EventsHub } from './events-hub.js';
import { WebsocketGateway } from './websocket-gateway.js';

@Global()
@Module({ providers: [EventsHub, WebsocketGateway], exports: [EventsHub] })
export class RealtimeModule {}
