export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * Per-region circuit breaker: after `threshold` consecutive failures it opens and refuses calls for
 * `cooldownMs`, then lets one trial call through (half-open); a success closes it.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private readonly threshold = 5,
    private readonly cooldownMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.failures < this.threshold) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** Milliseconds until an open breaker lets a trial through (0 when it would now). */
  msUntilTrial(): number {
    return this.state === 'open' ? Math.max(0, this.openedAt + this.cooldownMs - this.now()) : 0;
  }

  /** Whether a call may go out now; in half-open only one trial at a time. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
  }

  /**
   * Evidence the endpoint is back (its stream connected): let one trial through now instead of at the
   * end of the cooldown. The breaker stays open until that trial succeeds; a failed trial re-opens it.
   */
  expediteTrial(): void {
    if (this.state === 'open' && !this.trialInFlight) this.openedAt = this.now() - this.cooldownMs;
  }

  /** The trial was abandoned (the caller aborted): let another call try, without judging the endpoint. */
  release(): void {
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures++;
    if (this.failures >= this.threshold) this.openedAt = this.now();
  }
}
