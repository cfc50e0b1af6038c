import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { AppError } from '../common/errors.js';
import type { Stack } from './stack.js';

/**
 * The running stacks by id; the one place other modules look a stack up. Modules that keep
 * per-stack state (telemetry, alerting) listen to `added` and `removing` instead of being called
 * by the stacks service, so the lifecycle has one emitter and many listeners.
 */
@Injectable()
export class StackRegistry {
  private readonly stacks = new Map<string, Stack>();
  /** `added` after a stack is running; `removing` before its processes stop (listeners may await nothing). */
  readonly events = new EventEmitter<{ added: [Stack]; removing: [Stack] }>();

  get size(): number {
    return this.stacks.size;
  }

  all(): Stack[] {
    return [...this.stacks.values()];
  }

  get(id: string): Stack {
    const stack = this.stacks.get(id);
    if (!stack) throw AppError.notFound(`stack "${id}"`);
    return stack;
  }

  add(stack: Stack): void {
    this.stacks.set(stack.id, stack);
    this.events.emit('added', stack);
  }

  remove(id: string): void {
    const stack = this.stacks.get(id);
    if (!stack) return;
    this.events.emit('removing', stack);
    this.stacks.delete(id);
  }
}
