import { rangeTexts } from './rules/declared-ranges.ts';
import type { DeclaredRange } from './schemas.ts';
import type { CauseDirection } from './cause-schemas.ts';
import type { CandidateRef, Relation } from './cause-candidates.ts';
import { joinList, plural } from './format.ts';

export type CauseShape = Omit<CandidateRef, 'direction' | 'relation'> & { direction: CauseDirection | null; gap: number; versions: string[] };

const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

function trains(gap: number): string {
  return gap === 1 ? '1 train' : `${gap} trains`;
}

function direction(d: CauseDirection | null): string {
  return d === 'behind' ? 'behind' : d === 'ahead' ? 'ahead of' : 'apart from';
}

function subject(c: CauseShape): string {
  return c.kind === 'schema' ? `The ${c.group ?? ''} schema in ${c.region}` : `${c.component ?? ''} in ${c.region}`;
}

function byKind<K extends Relation['kind']>(refs: readonly CandidateRef[], kind: K): Extract<Relation, { kind: K }>[] {
  return refs.map((r) => r.relation).filter((r): r is Extract<Relation, { kind: K }> => r.kind === kind);
}

/** The counterpart most of the cause's violations are measured against, in a few words. */
function mainCounterpart(c: CauseShape, refs: readonly CandidateRef[]): string {
  const counts = new Map<Relation['kind'], number>();
  for (const r of refs) counts.set(r.relation.kind, (counts.get(r.relation.kind) ?? 0) + 1);
  const [kind] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  switch (kind) {
    case 'callers': {
      const callers = sorted(byKind(refs, 'callers').map((r) => r.component));
      return callers.length === 1 ? `its caller ${callers[0] ?? ''}` : 'its callers';
    }
    case 'callees': {
      const callees = sorted(byKind(refs, 'callees').map((r) => r.component));
      return callees.length === 1 ? `${callees[0] ?? ''}, which it calls` : 'the components it calls';
    }
    case 'window':
      return c.direction === 'ahead' ? 'its oldest live versions' : 'its newest live versions';
    case 'fleet':
      return `${c.component ?? ''} in other regions`;
    case 'schema':
      return 'its database schema';
    case 'users': {
      const users = sorted(byKind(refs, 'users').map((r) => r.component));
      return users.length === 1 ? `${users[0] ?? ''}, which uses it` : 'the components using it';
    }
    default:
      return 'its counterparts';
  }
}

export function causeTitle(c: CauseShape, refs: readonly CandidateRef[]): string {
  if (c.kind === 'toggle') return `Toggle ${c.toggle ?? ''} is on in ${c.region} before ${c.component ?? 'its component'} reaches the version it needs`;
  return `${subject(c)} is ${trains(c.gap)} ${direction(c.direction)} ${mainCounterpart(c, refs)}`;
}

/** Every counterpart, named: callers, callees, other versions, other regions, schemas, users. */
function counterparts(c: CauseShape, refs: readonly CandidateRef[]): string[] {
  const phrases: string[] = [];
  const callers = sorted(byKind(refs, 'callers').map((r) => r.component));
  if (callers.length > 0) phrases.push(`${callers.length === 1 ? 'its caller' : 'its callers'} ${joinList(callers)}`);
  const callees = sorted(byKind(refs, 'callees').map((r) => r.component));
  if (callees.length > 0) phrases.push(`${joinList(callees)}, which it calls`);
  if (byKind(refs, 'window').length > 0) phrases.push(`${c.direction === 'ahead' ? 'the oldest' : 'the newest'} ${c.component ?? ''} instances in ${c.region}`);
  const regions = sorted(byKind(refs, 'fleet').flatMap((r) => r.regions));
  if (regions.length > 0) phrases.push(`${c.component ?? ''} in ${joinList(regions)}`);
  const schemas = byKind(refs, 'schema');
  for (const group of sorted(schemas.map((s) => s.group))) {
    const names = sorted(schemas.filter((s) => s.group === group).map((s) => s.trainName));
    phrases.push(`the ${group} schema (train ${joinList(names)})`);
  }
  const users = sorted(byKind(refs, 'users').map((r) => r.component));
  if (users.length > 0) phrases.push(`${joinList(users)}, which ${users.length === 1 ? 'uses' : 'use'} it`);
  return phrases;
}

/** Violations judged against declared ranges name them: a gap of 1 is only wrong because of one. */
export function causeSentence(c: CauseShape, refs: readonly CandidateRef[], violations: number, declarations: readonly DeclaredRange[] = []): string {
  if (c.kind === 'toggle') return byKind(refs, 'toggle')[0]?.sentence ?? causeTitle(c, refs);
  const at = c.kind === 'schema'
    ? `The ${c.group ?? ''} schema at train ${c.trainName ?? ''} in ${c.region}`
    : `${c.component ?? ''} ${joinList(c.versions)} (train ${c.trainName ?? ''}) in ${c.region}`;
  const phrases = counterparts(c, refs);
  const list = phrases.length <= 1 ? (phrases[0] ?? '') : `${phrases.slice(0, -1).join(', ')}, and ${phrases[phrases.length - 1] ?? ''}`;
  const declared = declarations.length > 0 ? ` Judged against the declared range: ${rangeTexts(declarations)}.` : '';
  return `${at} is ${trains(c.gap)} ${direction(c.direction)} ${list}: ${plural(violations, 'violation')}.${declared}`;
}
