/**
 * Keeps the full bodies of recent responses so the page can save them, while it only ever
 * renders a preview. Bounded by count and bytes; the oldest go first.
 */
export class ResponseStore {
  private readonly bodies = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 20,
    private readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  put(id: string, body: Buffer): void {
    this.bodies.set(id, body);
    this.bytes += body.length;
    for (const [oldId, oldBody] of this.bodies) {
      if (this.bodies.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      if (oldId === id) break;
      this.bodies.delete(oldId);
      this.bytes -= oldBody.length;
    }
  }

  /** Swaps a kept body for another (e.g. one with secret values redacted); unknown ids are ignored. */
  replace(id: string, body: Buffer): void {
    const old = this.bodies.get(id);
    if (!old) return;
    this.bodies.set(id, body);
    this.bytes += body.length - old.length;
  }

  get(id: string): Buffer | undefined {
    return this.bodies.get(id);
  }
}
