/**
 * The board review report (issue 11): a pure model of one release train's readiness, built from
 * inputs the main process gathers through the console's services. No I/O.
 */
export { buildReport, UnknownTrainError, type ReportInputs } from './build-report.ts';
export { ViolationEpisode, EpisodeVersion, episodeVersions, openEpisode } from './episode.ts';
export { currentTrain, knownTrains, trainScope, type TrainScope } from './train-scope.ts';
export { formatDuration } from './format-duration.ts';
export { reportTables, type ReportTable } from './tables.ts';
export * from './schema.ts';
