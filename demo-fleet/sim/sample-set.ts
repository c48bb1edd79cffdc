import type { Prng } from '../model/prng.ts';

/** A set of strings with O(1) add, delete and uniform random pick (swap-remove array + index). */
export class SampleSet {
  private readonly items: string[] = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.items.length;
  }

  has(item: string): boolean {
    return this.index.has(item);
  }

  add(item: string): void {
    if (this.index.has(item)) return;
    this.index.set(item, this.items.length);
    this.items.push(item);
  }

  delete(item: string): void {
    const at = this.index.get(item);
    if (at === undefined) return;
    const last = this.items.pop() as string;
    this.index.delete(item);
    if (last !== item) {
      this.items[at] = last;
      this.index.set(last, at);
    }
  }

  pick(rng: Prng): string | undefined {
    if (this.items.length === 0) return undefined;
    return this.items[Math.floor(rng.next() * this.items.length)];
  }

  values(): readonly string[] {
    return this.items;
  }
}
