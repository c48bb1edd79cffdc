import { InputProblem } from './sources.ts';

/** Default of `--max-problems`: how many problems rcc prints in all, across every file and region. */
export const DEFAULT_MAX_PROBLEMS = 20;

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${n === 1 ? word : `${word}s`}`;

/**
 * Problems of one rcc run, capped in total: the first `limit` are kept as lines, later ones are only
 * counted, and once the cap is reached loaders stop validating what is left (counted as not checked),
 * so a document with millions of errors costs a count, not millions of lines.
 */
export class Problems {
  private readonly shown: string[] = [];
  /** Problems found after the cap: counted, not kept. */
  private omitted = 0;
  /** Documents and files skipped once the cap was reached. */
  private readonly unchecked = { document: 0, file: 0 };

  constructor(readonly limit: number = DEFAULT_MAX_PROBLEMS) {}

  /** The cap is reached: callers stop validating and count what they skip with `skipped`. */
  get full(): boolean {
    return this.shown.length >= this.limit;
  }

  get size(): number {
    return this.shown.length + this.omitted;
  }

  get empty(): boolean {
    return this.size === 0 && this.unchecked.document === 0 && this.unchecked.file === 0;
  }

  /** Keeps the line while under the cap, else counts it. Building lines lazily: pass a function. */
  add(line: string | (() => string)): void {
    if (this.full) this.omitted++;
    else this.shown.push(typeof line === 'string' ? line : line());
  }

  /** Counts `n` problems found once the cap is reached, without building their lines. */
  omit(n: number): void {
    this.omitted += n;
  }

  /** Documents or files left unvalidated because the cap was reached. */
  skipped(kind: 'document' | 'file', n = 1): void {
    this.unchecked[kind] += n;
  }

  /** Appends `other` after these problems (in that order), still within this cap. */
  merge(other: Problems): void {
    for (const line of other.shown) this.add(line);
    this.omitted += other.omitted;
    this.unchecked.document += other.unchecked.document;
    this.unchecked.file += other.unchecked.file;
  }

  /** The kept lines, then one line saying how many more there are (and what was not checked). */
  lines(): string[] {
    const skipped = [
      this.unchecked.document > 0 ? plural(this.unchecked.document, 'more document') : '',
      this.unchecked.file > 0 ? plural(this.unchecked.file, 'more file') : '',
    ].filter((s) => s !== '');
    const parts = [
      this.omitted > 0 ? `and ${plural(this.omitted, 'more problem')}` : '',
      skipped.length > 0 ? `stopped after ${plural(this.limit, 'problem')}: ${skipped.join(' and ')} not checked` : '',
    ].filter((s) => s !== '');
    return parts.length === 0 ? [...this.shown] : [...this.shown, `… ${parts.join('; ')}`];
  }

  /** Throws the problems as exit-code-2 input, if there are any. */
  throwIfAny(): void {
    if (!this.empty) throw new InputProblem(this.lines());
  }
}
