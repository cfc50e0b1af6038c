/**
 * Runs a target's scale and restart operations one at a time, in call order: two scales racing
 * would each compute the replica set from a state the other is changing. A failed operation does
 * not block the ones behind it; once `close()` is called, queued and later ones are refused.
 */
export class OperationQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  run<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      if (this.closed) throw new Error('the stack is stopped');
      return operation();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Refuses what has not started yet; resolves when the running operation has ended. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }

  /** Resolves when every operation queued so far has ended. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
