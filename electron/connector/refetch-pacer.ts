export interface PacerOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
  now?: () => number;
}

/**
 * Spaces full fleet fetches: each fetch that follows trouble (a failed fetch, or invalid data, a gap or
 * a reset since the last one) doubles the minimum spacing, up to the cap, with jitter in [½, 1] of it;
 * a region quiet for twice the cap starts again from the base. So a region that keeps sending invalid
 * events costs at most one fetch per window, and a healthy one is never held back by long-past trouble.
 */
export class RefetchPacer {
  private level = 0;
  private lastStart = Number.NEGATIVE_INFINITY;
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(options: PacerOptions = {}) {
    this.baseMs = options.baseMs ?? 1_000;
    this.capMs = options.capMs ?? 60_000;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** The current minimum spacing between fetch starts, before jitter. */
  get windowMs(): number {
    return Math.min(this.capMs, this.baseMs * 2 ** this.level);
  }

  /** How long to wait before the next fetch may start. */
  delay(): number {
    const earliest = this.lastStart + this.windowMs * (0.5 + 0.5 * this.random());
    return Math.max(0, Math.ceil(earliest - this.now()));
  }

  /** A fetch starts now; `afterTrouble` when it was asked for because something went wrong. */
  started(afterTrouble: boolean): void {
    const now = this.now();
    if (now - this.lastStart > 2 * this.capMs) this.level = 0;
    else if (afterTrouble) this.level = Math.min(this.level + 1, 30);
    this.lastStart = now;
  }
}
