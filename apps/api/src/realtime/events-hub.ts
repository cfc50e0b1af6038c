import { Injectable } from '@nestjs/common';

/**
 * Everything pushed to websocket subscribers is one of these, always about one stack. `drill`
 * events carry a drill timeline event with the drill's state and timers; before the drill has a
 * stack, their `stackId` is the drill id.
 */
export interface StackEvent {
  stackId: string;
  topic: 'alerts' | 'drill';
  payload: unknown;
}

type Listener = (event: StackEvent) => void;

/**
 * The one fan-out point between producers (the alerting loop, later the drill runner) and the
 * websocket gateway. Producers never know who listens; a throwing listener never stops the others.
 */
@Injectable()
export class EventsHub {
  private readonly listeners = new Set<Listener>();

  publish(event: StackEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber must not stop rule evaluation or other subscribers.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
