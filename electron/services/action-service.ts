import type { ActionDraft, ActionOutcome, ActionOutcomeKind, ActionPreview, RunActionInput } from '../../shared/contract/index.ts';
import { actionImpact, UnknownTargetError } from '../../shared/fleet/action-impact.ts';
import type { ActionResult, FleetState } from '../../shared/protocol/index.ts';
import type { AuditEntry, AuditStore, JsonValue } from '../audit/index.ts';
import { AuditUnavailableError } from '../audit/index.ts';
import { ConsoleError } from '../common/console-error.ts';
import type { EventBus } from '../common/event-bus.ts';
import type { RegionActions, RegionsService } from '../common/regions-service.ts';
import type { CompatService } from './compat-service.ts';
import type { ToggleSource } from '../toggles/index.ts';
import { policyFor, type PolicyFile } from './policy.ts';
import { blockedTrainOfRollout } from '../../shared/trains/index.ts';

export interface Actor {
  user: string;
  displayName: string;
  workstation: string;
}

export interface ActionServiceOptions {
  regions: RegionsService;
  compat: CompatService;
  /** Null when the store could not be opened: every action is then refused before anything is sent. */
  audit: AuditStore | null;
  auditProblem?: string;
  policy: PolicyFile;
  actor: () => Actor;
  bus: EventBus;
  readOnly: boolean;
  /** Regions whose toggles live in another system (Unleash): `toggle.set` goes there, not to the endpoint. */
  toggleSources?: ReadonlyMap<string, ToggleSource>;
  /** Called after a toggle changed in its source, to show it at once. */
  onToggleChanged?: (regionId: string) => void;
  now?: () => number;
}

/** The key an action is sent with: derived from its intent entry, so a retry can only ever repeat it. */
export function idempotencyKeyFor(intent: AuditEntry): string {
  return `rcc-${intent.seq}-${intent.hash.slice(0, 32)}`;
}

/**
 * Runs actions the only way the console does: preview (impact, what-if, policy) → a durable intent
 * entry in the audit store → the request with an Idempotency-Key derived from that intent → an
 * outcome entry linked to it. When the store cannot be written nothing is sent (fail closed).
 * Intents left without a final outcome (a crash, a timeout) are reconciled by looking the key up at
 * the endpoint, never by sending again.
 */
export class ActionService {
  private readonly lastActionAt = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<ActionOutcome>>();
  private readonly now: () => number;

  constructor(private readonly options: ActionServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  preview(draft: ActionDraft): ActionPreview {
    const state = this.stateOf(draft.region);
    const impact = this.impactOf(state, draft);
    const whatIf = this.options.compat.view().whatIf({ region: draft.region, action: draft.action });
    const policy = policyFor(this.options.policy, draft.action.type, draft.region, this.environmentOf(state, draft), impact.target);
    const blockedTrain = draft.action.type === 'rollout.resume' ? blockedTrainOfRollout(this.options.regions.fleetStates(), draft.region, draft.action.rolloutId) : null;
    return {
      draft,
      impact,
      whatIf,
      blocked: whatIf.introduced.length > 0 || blockedTrain !== null,
      blockedTrain,
      policy,
      cooldownRemainingSeconds: this.cooldownRemaining(draft.region, impact.target, policy.cooldownSeconds),
      unavailable: this.unavailable(draft.region) ?? (this.toggleSourceFor(draft.region, draft.action) && draft.action.type === 'toggle.set' && draft.action.state === 'dormant' ? `Toggles of ${draft.region} live in ${this.toggleSourceFor(draft.region, draft.action)!.kind}: they can be turned on or off only.` : null),
    };
  }

  /** One run per confirmation dialog: a second submit with the same requestId gets the first's outcome. */
  run(input: RunActionInput): Promise<ActionOutcome> {
    const running = this.inFlight.get(input.requestId);
    if (running) return running;
    const started = this.runOnce(input).then(
      (outcome) => {
        // Keep the answer a little while for a double submit, then forget it (bounded memory).
        setTimeout(() => this.inFlight.delete(input.requestId), 60_000).unref();
        return outcome;
      },
      (refusal: unknown) => {
        // Refused before anything was sent: the person may correct the form and submit it again.
        this.inFlight.delete(input.requestId);
        throw refusal;
      },
    );
    this.inFlight.set(input.requestId, started);
    return started;
  }

  /** Intents without a final outcome: ask each endpoint what became of the key; never resend. */
  async reconcile(): Promise<number> {
    const audit = this.options.audit;
    if (!audit) return 0;
    let settled = 0;
    for (const intent of audit.pendingIntents()) {
      const toggles = intent.region && intent.action === 'toggle.set' ? this.options.toggleSources?.get(intent.region) : undefined;
      if (toggles) {
        if (await this.reconcileToggle(intent, toggles)) settled++;
        continue;
      }
      const channel = intent.region ? this.options.regions.actions(intent.region) : undefined;
      if (!channel) continue;
      let result: ActionResult | null;
      try {
        result = await channel.lookup(idempotencyKeyFor(intent));
      } catch {
        continue; // the region does not answer now: try again at the next round
      }
      const outcome: ActionOutcomeKind = result ? result.status : 'failed';
      const response = result ? `reconciled: ${result.message}` : 'reconciled: the endpoint never received this key; the action was not applied and is not resent';
      const entry = this.appendOutcome(intent, outcome, response);
      if (!entry) return settled;
      settled++;
      this.publish(intent, entry, outcome, response, result?.revision ?? null, null);
    }
    return settled;
  }

  /** A toggle in another system is reconciled by reading it back: it either has the intended state or not. */
  private async reconcileToggle(intent: AuditEntry, source: ToggleSource): Promise<boolean> {
    let toggles;
    try {
      toggles = await source.list();
    } catch {
      return false;
    }
    const wanted = (intent.after as { state?: unknown } | null)?.state;
    const now = toggles.find((t) => t.key === intent.target)?.state;
    const outcome: ActionOutcomeKind = now !== undefined && now === wanted ? 'succeeded' : 'failed';
    const response = `reconciled by read-back from ${source.kind}: the flag is ${now ?? 'missing'}${outcome === 'failed' ? `, not ${String(wanted)}; not resent` : ''}`;
    const entry = this.appendOutcome(intent, outcome, response);
    if (!entry) return false;
    this.publish(intent, entry, outcome, response, null, null);
    return true;
  }

  private toggleSourceFor(region: string, action: ActionDraft['action']): ToggleSource | undefined {
    return action.type === 'toggle.set' ? this.options.toggleSources?.get(region) : undefined;
  }

  private async runOnce(input: RunActionInput): Promise<ActionOutcome> {
    const preview = this.preview(input);
    if (preview.unavailable) throw new ConsoleError('forbidden', `${preview.impact.summary}: not sent. ${preview.unavailable}`);
    this.checkPolicy(input, preview);
    const audit = this.options.audit!;
    const actor = this.options.actor();
    const channel = this.options.regions.actions(input.region)!;

    // 1. The intent, durably, before anything leaves the machine (throws AuditUnavailableError: nothing sent).
    let intent: AuditEntry;
    try {
      intent = audit.append({
        kind: 'intent',
        actorUser: actor.user,
        actorName: actor.displayName,
        workstation: actor.workstation,
        action: input.action.type,
        region: input.region,
        target: preview.impact.target,
        before: preview.impact.before as JsonValue,
        after: preview.impact.after as JsonValue,
        whatIf: { introduced: preview.whatIf.introduced.map((v) => v.sentence), resolved: preview.whatIf.resolved.map((v) => v.sentence), unchanged: preview.whatIf.unchanged.length },
        override: input.override?.justification ?? null,
        reason: input.reason,
        ticket: input.ticket || null,
        breakGlass: input.breakGlass ?? false,
        idempotencyKey: null,
      });
    } catch (error) {
      if (error instanceof AuditUnavailableError) throw new ConsoleError('forbidden', `${preview.impact.summary}: not sent, because the audit store cannot be written: ${error.message}`);
      throw error;
    }
    this.lastActionAt.set(this.cooldownKey(input.region, preview.impact.target), this.now());
    const key = idempotencyKeyFor(intent);

    // 2. The request, retried by the client with the same key only.
    let outcome: ActionOutcomeKind;
    let message: string;
    let revision: number | null = null;
    const toggles = this.toggleSourceFor(input.region, input.action);
    try {
      if (toggles && input.action.type === 'toggle.set' && input.action.state !== 'dormant') {
        const change = await toggles.set(input.action.key, input.action.state, key);
        outcome = 'succeeded';
        message = change.changed ? `${toggles.kind}: ${change.before.state} → ${change.after.state} (read back)` : `${toggles.kind}: already ${change.after.state}; nothing sent`;
        this.options.onToggleChanged?.(input.region);
      } else {
        const result = await channel.send(input.action, key);
        outcome = result.status;
        message = result.message;
        revision = result.revision;
      }
    } catch (error) {
      const { status, kind } = error as { status?: unknown; kind?: unknown };
      // A 4xx is the endpoint refusing the request, and an open breaker never sent it: not applied.
      // Anything else (no answer, a dropped response, 5xx) may have been applied.
      const code = (error as { code?: unknown }).code;
      const notApplied =
        kind === 'circuit-open' ||
        code === 'refused' ||
        code === 'unknown-toggle' ||
        code === 'idempotency-key-reused' ||
        (typeof status === 'number' && status >= 400 && status < 500 && status !== 409 && status !== 429);
      outcome = notApplied ? 'failed' : 'unknown';
      message = `${error instanceof Error ? error.message : String(error)}${notApplied ? ' — not applied' : ' — the outcome is unknown; it will be reconciled with the endpoint, never resent'}`;
    }

    // 3. The outcome, linked to the intent.
    const entry = this.appendOutcome(intent, outcome, message);
    return this.publish(intent, entry, outcome, message, revision, input.requestId);
  }

  private appendOutcome(intent: AuditEntry, outcome: ActionOutcomeKind, response: string): AuditEntry | null {
    const actor = this.options.actor();
    try {
      const entry = this.options.audit!.append({
        kind: 'outcome',
        actorUser: actor.user,
        actorName: actor.displayName,
        workstation: actor.workstation,
        action: intent.action,
        region: intent.region,
        target: intent.target,
        intentSeq: intent.seq,
        outcome,
        idempotencyKey: idempotencyKeyFor(intent),
        response: response.slice(0, 4_000),
      });
      const head = this.options.audit!.head();
      if (head) this.options.bus.emit('audit.appended', { head });
      return entry;
    } catch {
      // The action went out; its outcome could not be written. The intent stays pending and is reconciled.
      return null;
    }
  }

  private publish(intent: AuditEntry, entry: AuditEntry | null, outcome: ActionOutcomeKind, message: string, revision: number | null, requestId: string | null): ActionOutcome {
    const result: ActionOutcome = {
      requestId: requestId ?? '00000000-0000-4000-8000-000000000000',
      idempotencyKey: idempotencyKeyFor(intent),
      intentSeq: intent.seq,
      outcomeSeq: entry?.seq ?? null,
      outcome: entry ? outcome : 'unknown',
      message: entry ? message : `${message} (the outcome could not be written to the audit store; it will be reconciled)`,
      revision,
    };
    this.options.bus.emit('actions.outcome', { ...result, region: intent.region ?? '' });
    return result;
  }

  private checkPolicy(input: RunActionInput, preview: ActionPreview): void {
    const { policy, impact } = preview;
    const breakGlass = input.breakGlass === true;
    if (breakGlass && !policy.breakGlassAllowed) throw new ConsoleError('forbidden', `Policy does not allow break-glass for ${input.action.type} in ${input.region}.`);
    if (preview.blockedTrain && !input.override) {
      throw new ConsoleError('conflict', `${impact.summary}: train ${preview.blockedTrain.trainName} is blocked (${preview.blockedTrain.reasons.join('; ')}). Record an override with a justification to run it anyway.`);
    }
    if (preview.blocked && !input.override) {
      throw new ConsoleError('conflict', `${impact.summary} would introduce ${preview.whatIf.introduced.length} violation(s): ${preview.whatIf.introduced[0]?.sentence ?? ''} Record an override with a justification to run it anyway.`);
    }
    if (policy.ticketRequired && !breakGlass && !input.ticket) throw new ConsoleError('invalid-input', `Policy asks for a change ticket for ${input.action.type} in ${input.region}.`, { path: ['ticket'] });
    if (input.ticket && policy.ticketPattern && !breakGlass && !new RegExp(policy.ticketPattern).test(input.ticket)) {
      throw new ConsoleError('invalid-input', `Ticket "${input.ticket}" does not match the policy's pattern ${policy.ticketPattern}.`, { path: ['ticket'] });
    }
    if (policy.typedConfirmation !== null && input.typedConfirmation !== policy.typedConfirmation) {
      throw new ConsoleError('invalid-input', `Type "${policy.typedConfirmation}" to confirm.`, { path: ['typedConfirmation'] });
    }
    if (preview.cooldownRemainingSeconds > 0 && !breakGlass) {
      throw new ConsoleError('conflict', `${impact.target} in ${input.region} was acted on moments ago; policy asks to wait ${preview.cooldownRemainingSeconds} s more (or use break-glass).`);
    }
  }

  private unavailable(region: string): string | null {
    if (this.options.readOnly) return 'This console is read-only (a snapshot): actions are disabled.';
    if (!this.options.audit) return `The audit store cannot be written (${this.options.auditProblem ?? 'not open'}); actions are refused until it can.`;
    if (!this.options.regions.actions(region)) return `Region ${region} is not configured.`;
    return null;
  }

  private stateOf(region: string): FleetState {
    const state = this.options.regions.fleetStates().find((s) => s.region.id === region);
    if (!state) throw new ConsoleError('not-found', `No fleet data for region ${region} yet: the action cannot be judged.`);
    return state;
  }

  private impactOf(state: FleetState, draft: ActionDraft) {
    try {
      return actionImpact(state, draft.action);
    } catch (error) {
      if (error instanceof UnknownTargetError) throw new ConsoleError('not-found', error.message);
      throw error;
    }
  }

  private environmentOf(state: FleetState, draft: ActionDraft): string {
    if (draft.action.type !== 'toggle.set') return 'production';
    const key = draft.action.key;
    return state.toggles.find((t) => t.key === key)?.environment ?? 'production';
  }

  private cooldownKey(region: string, target: string): string {
    return `${region}\u0000${target}`;
  }

  private cooldownRemaining(region: string, target: string, seconds: number): number {
    const last = this.lastActionAt.get(this.cooldownKey(region, target));
    if (last === undefined) return 0;
    return Math.max(0, Math.ceil((last + seconds * 1000 - this.now()) / 1000));
  }
}

export type { RegionActions };
