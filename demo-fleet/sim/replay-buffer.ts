import type { ChangeEvent } from '../../shared/protocol/index.ts';

export interface BufferedEvent {
  revision: number;
  event: ChangeEvent;
  /** Serialized once, shared by every stream. */
  json: string;
}

/**
 * The last `capacity` change events of a region. A client that last saw revision L can be
 * replayed iff `floor <= L <= latest`; otherwise it must reset and refetch the fleet.
 */
export class ReplayBuffer {
  private readonly ring: Array<BufferedEvent | undefined>;
  private start = 0;
  private count = 0;
  /** The oldest revision a client may resume from. */
  private floorRevision: number;

  constructor(
    readonly capacity: number,
    private latest: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('replay buffer capacity must be a positive integer');
    this.ring = new Array<BufferedEvent | undefined>(capacity);
    this.floorRevision = latest;
  }

  get floor(): number {
    return this.floorRevision;
  }

  get latestRevision(): number {
    return this.latest;
  }

  push(event: ChangeEvent): BufferedEvent {
    const entry = { revision: event.revision, event, json: JSON.stringify(event) };
    if (this.count === this.capacity) {
      const evicted = this.ring[this.start];
      this.start = (this.start + 1) % this.capacity;
      this.count--;
      if (evicted) this.floorRevision = evicted.revision;
    }
    this.ring[(this.start + this.count) % this.capacity] = entry;
    this.count++;
    this.latest = event.revision;
    return entry;
  }

  /** Events after `lastSeen`, or null when they are no longer (or never were) available. */
  since(lastSeen: number): BufferedEvent[] | null {
    if (!Number.isInteger(lastSeen) || lastSeen < this.floorRevision || lastSeen > this.latest) return null;
    const out: BufferedEvent[] = [];
    const skip = lastSeen - this.floorRevision;
    for (let i = skip; i < this.count; i++) {
      const entry = this.ring[(this.start + i) % this.capacity];
      if (entry) out.push(entry);
    }
    return out;
  }

  /** Forget history (the fleet was regenerated): only `revision` onward can be streamed. */
  restart(revision: number): void {
    this.start = 0;
    this.count = 0;
    this.ring.fill(undefined);
    this.floorRevision = revision;
    this.latest = revision;
  }
}
