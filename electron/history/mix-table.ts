import type Database from 'better-sqlite3';
import { z } from 'zod';
import { TrainCount, type HistoryPoint } from '../../shared/contract/compat.ts';
import { ConsoleError } from '../common/console-error.ts';
import { firstIssue } from './zod-issue.ts';

type Db = Database.Database;
type Statement = Database.Statement<unknown[], unknown>;

/** One component's live instances per train at one sample. */
export interface MixRow {
  component: string;
  trains: ReadonlyArray<{ train: number; trainName: string; count: number }>;
}

export interface MixTableOptions {
  heartbeatMs: number;
  maxRowsPerComponent: number;
  problem: (message: string) => void;
}

type Row = [seq: number, atMs: number, trains: string];

interface Sample {
  atMs: number;
  json: string;
}

const Trains = z.array(TrainCount);
/**
 * A stored sample's trains — `[train, trainName, count]` each, a third of the size of the objects —
 * or why they are not. Checked by hand: zod took ~20 µs a row, most of a 720-point read.
 */
function decodeTrains(value: unknown): TrainCount[] | string {
  if (!Array.isArray(value)) return 'not an array of trains';
  const trains: TrainCount[] = [];
  for (const [i, entry] of (value as unknown[]).entries()) {
    if (!Array.isArray(entry) || entry.length !== 3) return `train ${i}: not [train, trainName, count]`;
    const [train, trainName, count] = entry as unknown[];
    if (!Number.isInteger(train) || typeof trainName !== 'string' || !Number.isInteger(count)) return `train ${i}: not [integer, string, integer]`;
    trains.push({ train: train as number, trainName, count: count as number });
  }
  return trains;
}

/**
 * `max` target times from `firstMs` to `lastMs`, evenly spaced, both ends included (only the last
 * when `max` is 1).
 */
export function thinTargets(firstMs: number, lastMs: number, max: number): number[] {
  const m = Math.floor(max);
  if (m <= 0) return [];
  if (m === 1) return [lastMs];
  return Array.from({ length: m }, (_, k) => (k === m - 1 ? lastMs : firstMs + Math.ceil((k * (lastMs - firstMs)) / (m - 1))));
}

/**
 * Version-mix samples per component. A sample identical to the last stored one of its component is
 * held in memory instead of written, until the mix changes (it is then written before the change, so
 * the stored points still draw the same line) or `heartbeatMs` has passed; a steady fleet then costs
 * one row per component per heartbeat instead of one per sample. Reads include the held sample.
 */
export class MixTable {
  private readonly ids = new Map<string, number>();
  private readonly nextSeq = new Map<number, number>();
  private readonly last = new Map<number, Sample>();
  private readonly held = new Map<number, Sample>();
  private readonly sql: Record<'insertComponent' | 'maxSeq' | 'insert' | 'cap' | 'newest' | 'from' | 'upTo' | 'prune', Statement>;

  constructor(
    private readonly db: Db,
    private readonly options: MixTableOptions,
  ) {
    for (const [id, name] of db.prepare('SELECT id, name FROM mix_components').raw().all() as [number, string][]) this.ids.set(name, id);
    const prepare = (sql: string) => db.prepare(sql) as Statement;
    this.sql = {
      insertComponent: prepare('INSERT INTO mix_components (name) VALUES (?)'),
      maxSeq: prepare('SELECT max(seq) FROM mix_samples WHERE component_id = ?').pluck(),
      insert: prepare('INSERT INTO mix_samples (component_id, seq, at_ms, trains) VALUES (?, ?, ?, ?)'),
      cap: prepare('DELETE FROM mix_samples WHERE component_id = ? AND seq < ?'),
      newest: prepare('SELECT at_ms FROM mix_samples WHERE component_id = ? ORDER BY at_ms DESC LIMIT 1').pluck(),
      from: prepare('SELECT seq, at_ms, trains FROM mix_samples WHERE component_id = ? AND at_ms >= ? ORDER BY at_ms, seq LIMIT 1').raw(),
      upTo: prepare('SELECT seq, at_ms, trains FROM mix_samples WHERE component_id = ? AND at_ms >= ? ORDER BY at_ms, seq LIMIT ?').raw(),
      prune: prepare('DELETE FROM mix_samples WHERE component_id = ? AND at_ms < ?'),
    };
  }

  /** Stores one sample of every row's component in one transaction. */
  append(at: string, rows: readonly MixRow[]): void {
    const atMs = Date.parse(at);
    if (!Number.isFinite(atMs)) throw new ConsoleError('invalid-input', `history sample: "${at}" is not a date-time`, { path: ['at'] });
    const samples = rows.map((row, i) => ({ component: row.component, sample: { atMs, json: trainsJson(row.trains, i) } }));
    // In-memory state changes only once the transaction has committed.
    const newIds = new Map<string, number>();
    const seqs = new Map<number, number>();
    const last = new Map<number, Sample>();
    const held = new Map<number, Sample | null>();
    this.db
      .transaction(() => {
        for (const { component, sample } of samples) {
          const id = this.ids.get(component) ?? newIds.get(component) ?? this.newComponent(component, newIds);
          const previous = last.get(id) ?? this.last.get(id);
          const unchanged = previous !== undefined && previous.json === sample.json && sample.atMs >= previous.atMs;
          if (unchanged && sample.atMs - previous.atMs < this.options.heartbeatMs) {
            held.set(id, sample);
            continue;
          }
          // A held sample matters only before a change: on a heartbeat it lies on the flat line.
          const waiting = held.has(id) ? held.get(id) : this.held.get(id);
          if (waiting && !unchanged && (!previous || waiting.atMs > previous.atMs)) this.insert(id, waiting, seqs);
          this.insert(id, sample, seqs);
          last.set(id, sample);
          held.set(id, null);
        }
      })
      .immediate();
    for (const [name, id] of newIds) this.ids.set(name, id);
    for (const [id, seq] of seqs) this.nextSeq.set(id, seq);
    for (const [id, sample] of last) this.last.set(id, sample);
    for (const [id, sample] of held) {
      if (sample) this.held.set(id, sample);
      else this.held.delete(id);
    }
  }

  /**
   * Points of one component at or after `sinceMs`, oldest first. Beyond `maxPoints`, the points are
   * those first at or after `maxPoints` evenly spaced times from the first to the last (kept): index
   * seeks, so 130,000 stored samples cost no more than 720.
   */
  of(component: string, sinceMs: number, maxPoints: number): HistoryPoint[] {
    const id = this.ids.get(component);
    const max = Math.floor(maxPoints);
    if (id === undefined || !(max >= 1)) return [];
    const since = Math.max(sinceMs, Number.MIN_SAFE_INTEGER);
    const newest = (this.sql.newest.get(id) as number | undefined) ?? Number.NEGATIVE_INFINITY;
    const heldSample = this.held.get(id);
    const tail = heldSample && heldSample.atMs >= since && heldSample.atMs >= newest ? heldSample : undefined;
    // One row more than fits tells whether to thin, without counting them all.
    let rows = this.sql.upTo.all(id, since, Number.isFinite(max) ? max + 1 : -1) as Row[];
    if (rows.length + (tail ? 1 : 0) > max) {
      const targets = thinTargets(rows[0]?.[1] ?? tail?.atMs ?? since, tail?.atMs ?? newest, max);
      if (tail) targets.pop();
      const seen = new Set<number>();
      rows = [];
      for (const t of targets) {
        const row = this.sql.from.get(id, t) as Row | undefined;
        if (row && !seen.has(row[0])) rows.push(row);
        if (row) seen.add(row[0]);
      }
    }
    const points = rows.map(([seq, atMs, text]) => this.point(component, seq, atMs, text));
    if (tail) points.push(this.point(component, null, tail.atMs, tail.json));
    return points.filter((p): p is HistoryPoint => p !== null);
  }

  /** Drops samples older than `cutoffMs`. */
  prune(cutoffMs: number): void {
    for (const id of this.ids.values()) this.sql.prune.run(id, cutoffMs);
  }

  /** Writes the held samples (at close, so the stored history ends at the last sample). */
  flush(): void {
    const seqs = new Map<number, number>();
    this.db.transaction(() => {
      for (const [id, sample] of this.held) this.insert(id, sample, seqs);
    })();
    for (const [id, seq] of seqs) this.nextSeq.set(id, seq);
    for (const [id, sample] of this.held) this.last.set(id, sample);
    this.held.clear();
  }

  private newComponent(name: string, newIds: Map<string, number>): number {
    const id = Number(this.sql.insertComponent.run(name).lastInsertRowid);
    newIds.set(name, id);
    return id;
  }

  /** Inserts one row, and drops the component's rows beyond the cap (the oldest, by seq). */
  private insert(id: number, sample: Sample, seqs: Map<number, number>): void {
    const seq = seqs.get(id) ?? this.nextSeq.get(id) ?? ((this.sql.maxSeq.get(id) as number | null) ?? 0) + 1;
    this.sql.insert.run(id, seq, sample.atMs, sample.json);
    this.sql.cap.run(id, seq + 1 - this.options.maxRowsPerComponent);
    seqs.set(id, seq + 1);
  }

  private point(component: string, seq: number | null, atMs: number, text: string): HistoryPoint | null {
    const where = seq === null ? `${component} (held sample)` : `${component} #${seq}`;
    try {
      const trains = decodeTrains(JSON.parse(text));
      if (typeof trains !== 'string') return { at: new Date(atMs).toISOString(), trains };
      this.options.problem(`version-mix sample ${where} skipped: ${trains}`);
    } catch (error) {
      this.options.problem(`version-mix sample ${where} skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
    return null;
  }
}

function trainsJson(trains: MixRow['trains'], index: number): string {
  const parsed = Trains.safeParse(trains.map(({ train, trainName, count }) => ({ train, trainName, count })));
  if (parsed.success) return JSON.stringify(parsed.data.map((t) => [t.train, t.trainName, t.count]));
  const { text, path } = firstIssue(parsed.error, ['rows', index, 'trains']);
  throw new ConsoleError('invalid-input', `history sample: ${text}`, { path });
}
