/**
 * Release cadence (issue 12): the four DORA keys from stored history. Pure, no I/O; the main
 * process builds a `CadenceHistory` from its history store and calls `computeCadence`.
 */
export * from './history.ts';
export * from './schemas.ts';
export { computeCadence, type CadenceOptions } from './compute.ts';
export { median, percentile } from './stats.ts';
export { buckets, completeWeeksBefore, weekStartUtc, WEEK_MS, DAY_MS, type BucketSize, type Period } from './time-buckets.ts';
export { completedAtMs, observedRelease, releasesFrom, remediedTrain, reportedReleases, trainsFrom, type AuditedRemedy } from './from-fleet.ts';
