/** A two-level cache (region → key → value) that avoids building a string key per lookup. */
export class NestedCache<V> {
  private readonly outer: Map<string, Map<string, V>>;

  constructor(outer: Map<string, Map<string, V>> = new Map()) {
    this.outer = outer;
  }

  get(region: string, key: string): V | undefined {
    return this.outer.get(region)?.get(key);
  }

  set(region: string, key: string, value: V): void {
    let inner = this.outer.get(region);
    if (!inner) this.outer.set(region, (inner = new Map()));
    inner.set(key, value);
  }

  delete(region: string, key: string): void {
    this.outer.get(region)?.delete(key);
  }

  clear(): void {
    this.outer.clear();
  }

  /** An independent copy (values are shared; they are never mutated). */
  clone(): NestedCache<V> {
    return new NestedCache(new Map([...this.outer].map(([region, inner]) => [region, new Map(inner)])));
  }
}
