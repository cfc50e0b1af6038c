import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import type { Stack } from './stack.js';

/** The running stacks by id; the one place other modules look a stack up. */
@Injectable()
export class StackRegistry {
  private readonly stacks = new Map<string, Stack>();

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
  }

  remove(id: string): void {
    this.stacks.delete(id);
  }
}
