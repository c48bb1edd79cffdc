export * from './fleet.ts';
export * from './changes.ts';
export * from './actions.ts';
export * from './telemetry.ts';
