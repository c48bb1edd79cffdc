import type { Train } from '../../shared/protocol/index.ts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Train indexes count weeks from this Monday (10:00 UTC, the weekly train cut). */
const TRAIN_EPOCH_MS = Date.UTC(2023, 0, 2, 10);
/** One year of weekly trains: the history the trains screen and the cadence figures read. */
export const TRAIN_COUNT = 52;

/**
 * The weekly trains around a moment. The newest train (`upcoming`) was cut a few days ago and is
 * in staging; `current` is rolling out to production; `previous` is what most of production runs.
 * Indexes are absolute week numbers (≈ 200), not positions in the list.
 */
export interface TrainPlan {
  trains: Train[];
  first: number;
  previous: number;
  current: number;
  upcoming: number;
}

export function buildTrains(atMs: number): TrainPlan {
  // The newest cut at least two days before `at`, so its early stage gates have run.
  const upcoming = Math.floor((atMs - 2 * DAY_MS - TRAIN_EPOCH_MS) / WEEK_MS);
  const first = upcoming - TRAIN_COUNT + 1;
  const trains: Train[] = [];
  for (let index = first; index <= upcoming; index++) {
    const dateMs = TRAIN_EPOCH_MS + index * WEEK_MS;
    trains.push({ index, name: trainName(dateMs), date: new Date(dateMs).toISOString() });
  }
  return { trains, first, previous: upcoming - 2, current: upcoming - 1, upcoming };
}

/** `2026.45`: ISO week-numbering year and week of the cut date (UTC). */
export function trainName(dateMs: number): string {
  const { year, week } = isoWeekUtc(dateMs);
  return `${year}.${String(week).padStart(2, '0')}`;
}

function isoWeekUtc(dateMs: number): { year: number; week: number } {
  const d = new Date(dateMs);
  const day = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  // The Thursday of this ISO week decides its year.
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - day);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { year, week };
}
