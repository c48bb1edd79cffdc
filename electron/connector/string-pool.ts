/**
 * One copy of each repeated string. `JSON.parse` shares only strings of up to 10 characters, so a
 * 100,000-instance fleet holds ~90,000 copies of a few dozen component names and ~100,000 of a few
 * thousand host names (~7 MB). Bounded: past `maxEntries` distinct strings, new ones are returned
 * as they are (still correct, just not shared).
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  constructor(private readonly maxEntries = 50_000) {}

  get size(): number {
    return this.strings.size;
  }

  intern(value: string): string {
    const held = this.strings.get(value);
    if (held !== undefined) return held;
    if (this.strings.size < this.maxEntries) this.strings.set(value, value);
    return value;
  }
}
