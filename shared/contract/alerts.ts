import { z } from 'zod';
import { WhatIfResult } from '../compat/schemas.ts';
import { Signal, TimePoints } from '../protocol/index.ts';
import { ActionDraft } from './actions.ts';
import { call, event } from './define.ts';

export const AlertRule = z.enum([
  /** A version's error ratio against its baseline's (the previous train's version in the same region). */
  'error-vs-baseline',
  'error-threshold',
  'latency-threshold',
  'health-failing',
  'canary-fail',
  'data-stale',
  /** SLO multi-window multi-burn-rate (SRE workbook): e.g. 14.4× over 1 h and 5 m. */
  'slo-burn',
]);
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertSeverity = z.enum(['critical', 'warning']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const AlertState = z.enum(['active', 'acknowledged', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;

/** The small chart an alert carries: the signal that fired, with the baseline beside it when there is one. */
export const AlertEvidence = z.object({
  signal: Signal,
  unit: z.string(),
  /** The value that breached, and the limit it breached. */
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  /** One sentence with the numbers: "error ratio 7.9 % against 0.2 % on 2026.47.0 (39×)". */
  detail: z.string(),
  points: TimePoints,
  baselinePoints: TimePoints,
});
export type AlertEvidence = z.infer<typeof AlertEvidence>;

/** The escalation ladder: the toggle that gates the change, else roll the component back a train, else the schema. */
export const SuggestionStep = z.enum(['toggle-off', 'rollback-component', 'rollback-schema', 'none']);
export type SuggestionStep = z.infer<typeof SuggestionStep>;

export const Suggestion = z.object({
  step: SuggestionStep,
  /** "Turn off toggle new-viewer in us-east: it gates document-store 2026.48.0". */
  summary: z.string(),
  /** The action to confirm (opens the normal confirmation); null for `none`. */
  action: ActionDraft.nullable(),
  /** What the compatibility engine says of the suggestion; null for `none`. */
  whatIf: WhatIfResult.nullable(),
  /** The component page the suggestion links to. */
  component: z.string().nullable(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const Alert = z.object({
  /** Stable per rule and subject: the same condition seen again is the same alert. */
  id: z.string(),
  rule: AlertRule,
  severity: AlertSeverity,
  state: AlertState,
  region: z.string(),
  component: z.string().nullable(),
  version: z.string().nullable(),
  title: z.string(),
  firstSeen: z.iso.datetime({ offset: true }),
  lastSeen: z.iso.datetime({ offset: true }),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  acknowledged: z.object({ by: z.string(), at: z.iso.datetime({ offset: true }), note: z.string().nullable() }).nullable(),
  evidence: AlertEvidence.nullable(),
  suggestion: Suggestion.nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertCounts = z.object({
  active: z.number().int().min(0),
  acknowledged: z.number().int().min(0),
  critical: z.number().int().min(0),
});
export type AlertCounts = z.infer<typeof AlertCounts>;

export const alertCalls = {
  'alerts.list': call({
    kind: 'query',
    summary: 'Alerts by state (active, acknowledged, resolved; history kept in the local store), newest first',
    input: z
      .object({
        state: z.enum(['open', 'active', 'acknowledged', 'resolved', 'all']).default('open'),
        limit: z.number().int().min(1).max(1_000).default(200),
      })
      .strict(),
    output: z.object({ alerts: z.array(Alert), counts: AlertCounts }),
  }),
  'alerts.acknowledge': call({
    kind: 'setting',
    summary: 'Acknowledge an active alert (recorded in the audit trail); it resolves by itself when the condition clears',
    input: z.object({ id: z.string().min(1).max(500), note: z.string().trim().max(1_000).optional() }).strict(),
    output: Alert,
  }),
};

export const alertEvents = {
  'alerts.changed': event({
    summary: 'Alerts were raised, acknowledged or resolved: the new counts and the alerts that changed',
    payload: z.object({ counts: AlertCounts, changed: z.array(Alert) }),
  }),
};
