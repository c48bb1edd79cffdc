import type { z } from 'zod';
import { appCalls } from './app.ts';
import { regionCalls, regionEvents } from './regions.ts';
import { fleetCalls, fleetEvents } from './fleet.ts';
import { compatCalls } from './compat.ts';
import { actionCalls, actionEvents } from './actions.ts';
import { auditCalls, auditEvents } from './audit.ts';
import { toggleCalls } from './toggles.ts';
import { telemetryCalls } from './telemetry.ts';
import { alertCalls, alertEvents } from './alerts.ts';
import { snapshotCalls, snapshotEvents } from './snapshots.ts';
import { causeCalls } from './causes.ts';
import { trainCalls } from './trains.ts';
import { reportCalls } from './report.ts';
import { cadenceCalls } from './cadence.ts';
import type { CallSpec, EventSpec } from './define.ts';

export * from './define.ts';
export * from './app.ts';
export * from './regions.ts';
export * from './fleet.ts';
export * from './compat.ts';
export * from './actions.ts';
export * from './audit.ts';
export * from './toggles.ts';
export * from './telemetry.ts';
export * from './alerts.ts';
export * from './snapshots.ts';
export * from './causes.ts';
export * from './trains.ts';
export * from './report.ts';
export * from './cadence.ts';

/**
 * Every call the renderer can make. The renderer client, the IPC host, the preload bridge and
 * the web host are all derived from this object: adding a call here is the one place to add it.
 */
export const calls = {
  ...appCalls,
  ...regionCalls,
  ...fleetCalls,
  ...compatCalls,
  ...actionCalls,
  ...auditCalls,
  ...toggleCalls,
  ...telemetryCalls,
  ...alertCalls,
  ...causeCalls,
  ...snapshotCalls,
  ...trainCalls,
  ...reportCalls,
  ...cadenceCalls,
} satisfies Record<string, CallSpec>;

/** Every server-pushed event. */
export const events = {
  ...regionEvents,
  ...fleetEvents,
  ...actionEvents,
  ...auditEvents,
  ...alertEvents,
  ...snapshotEvents,
} satisfies Record<string, EventSpec>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type EventName = keyof typeof events;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallArgs<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** The API as the renderer sees it: one async function per call. */
export type Api = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

/** What the main process implements: one handler per call, receiving validated arguments. */
export type Handlers = { [N in CallName]: (args: CallArgs<N>) => Promise<z.input<Calls[N]['output']>> };

export type Unsubscribe = () => void;
export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;
