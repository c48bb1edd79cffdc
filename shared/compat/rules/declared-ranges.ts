import type { TrainRange } from '../../protocol/index.ts';
import type { VersionDeclaration } from '../declarations.ts';
import { joinList } from '../format.ts';
import type { DeclaredRange } from '../schemas.ts';
import type { TrainBucket } from '../summaries.ts';
import type { RuleContext } from './context.ts';

/** One live version of a component in a region, with its declaration if it has one. */
export interface VersionEntry {
  /** Position in the component's summary (train order, then version order). */
  ordinal: number;
  region: string;
  component: string;
  train: number;
  version: string;
  live: number;
  users: number;
  declaration: VersionDeclaration | undefined;
}

export function versionEntries(ctx: RuleContext, region: string, component: string): VersionEntry[] {
  const declarations = ctx.region(region)?.declarations.get(component);
  const out: VersionEntry[] = [];
  for (const bucket of ctx.summary(region, component).buckets) {
    for (const v of bucket.versions) {
      out.push({ ordinal: out.length, region, component, train: bucket.train, version: v.version, live: v.live, users: v.users, declaration: declarations?.get(v.version) });
    }
  }
  return out;
}

/** Entries regrouped into train buckets (ascending), each version once. */
export function entriesToBuckets(entries: Iterable<VersionEntry>): TrainBucket[] {
  const unique = [...new Map([...entries].map((e) => [e.ordinal, e])).values()].sort((a, b) => a.ordinal - b.ordinal);
  const buckets: TrainBucket[] = [];
  for (const e of unique) {
    let bucket = buckets[buckets.length - 1];
    if (bucket?.train !== e.train) buckets.push((bucket = { train: e.train, live: 0, users: 0, versions: [] }));
    bucket.live += e.live;
    bucket.users += e.users;
    bucket.versions.push({ version: e.version, live: e.live, users: e.users });
  }
  return buckets;
}

export function declaredRange(ctx: RuleContext, entry: VersionEntry, about: DeclaredRange['about'], subject: string, range: TrainRange): DeclaredRange {
  const minName = ctx.catalog.label(range.min);
  const maxName = ctx.catalog.label(range.max);
  const trains = range.min === range.max ? `train ${minName}` : `trains ${minName}–${maxName}`;
  const what = about === 'database-group' ? `${subject} schemas at` : about === 'caller' ? `callers ${subject} at` : subject;
  return {
    region: entry.region,
    component: entry.component,
    version: entry.version,
    train: entry.train,
    trainName: ctx.catalog.label(entry.train),
    about,
    subject,
    min: range.min,
    max: range.max,
    minName,
    maxName,
    text: `${entry.component} ${entry.version} in ${entry.region} declares ${what} ${trains}`,
  };
}

/** Keeps the first of each declaration (the same version's range about the same subject). */
export function uniqueRanges(ranges: Iterable<DeclaredRange>): DeclaredRange[] {
  const out = new Map<string, DeclaredRange>();
  for (const r of ranges) {
    const key = JSON.stringify([r.region, r.component, r.version, r.about, r.subject]);
    if (!out.has(key)) out.set(key, r);
  }
  return [...out.values()];
}

export function rangeTexts(ranges: readonly DeclaredRange[]): string {
  const shown = ranges.slice(0, 3).map((r) => r.text);
  const more = ranges.length - shown.length;
  return more > 0 ? `${shown.join('; ')} and ${more} more` : joinList(shown);
}
