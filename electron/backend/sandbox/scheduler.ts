/** Timers the sandbox owns, so close() can cancel every pending lifecycle step at once. */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  /** `afterEach` runs after every step (the sandbox saves its state then: steps change messages). */
  constructor(private readonly afterEach: () => void = () => undefined) {}

  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      fn();
      this.afterEach();
    }, ms);
    this.timers.add(timer);
  }

  /** Runs the steps one after another, `ms` apart, starting `ms` from now. */
  sequence(ms: number, steps: Array<() => void>): void {
    const [first, ...rest] = steps;
    if (!first) return;
    this.after(ms, () => {
      first();
      this.sequence(ms, rest);
    });
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
