import type { ActionRequest, ChangeEvent, FleetState, Instance } from '../../shared/protocol/index.ts';
import { instanceId, hostName, nodeCount } from '../generate/instances.ts';
import type { RegionWorld } from '../generate/region.ts';
import type { Incident } from '../model/incidents.ts';
import { Prng, seedFor } from '../model/prng.ts';
import type { RegionSpec } from '../model/regions.ts';
import type { TrainPlan } from '../model/trains.ts';
import { planAction } from './actions.ts';
import { RegionModel, type ChangeDraft } from './region-model.ts';
import { ReplayBuffer, type BufferedEvent } from './replay-buffer.ts';
import { runStep } from './steps/choose-step.ts';
import type { StepContext } from './steps/context.ts';

/** A region cannot fall further behind than this many steps in one catch-up (e.g. a suspended laptop). */
const MAX_CATCH_UP_STEPS = 200_000;

export interface RegionSimOptions {
  seed: number;
  /** Simulated ms between steps. */
  stepMs: number;
  bufferSize: number;
}

export interface ActionApplied {
  status: 'succeeded' | 'failed';
  message: string;
  /** Revision of the last event carrying the effect (null when failed). */
  revision: number | null;
}

type Listener = (events: readonly BufferedEvent[]) => void;

/** One region's live fleet: the model, the step loop over simulated time, the change log. */
export class RegionSim {
  model: RegionModel;
  incidents: Incident[];
  readonly buffer: ReplayBuffer;
  private held: Set<string>;
  private frozen: Set<string>;
  private pinned = new Set<string>();
  private nextSeq: number;
  private nextStepMs: number;
  private readonly rng: Prng;
  private readonly listeners = new Set<Listener>();
  private nodes: number;

  constructor(
    readonly spec: RegionSpec,
    world: RegionWorld,
    private trains: TrainPlan,
    private readonly options: RegionSimOptions,
    atMs: number,
  ) {
    this.model = new RegionModel(world.state);
    this.incidents = world.meta.incidents;
    this.held = new Set(world.meta.held);
    this.frozen = new Set(world.meta.frozen);
    this.nextSeq = world.meta.nextInstanceSeq;
    this.buffer = new ReplayBuffer(options.bufferSize, this.model.revision);
    this.rng = new Prng(seedFor(options.seed, spec.id, 'steps'));
    this.nextStepMs = atMs + options.stepMs;
    this.nodes = nodeCount(this.model.instances.size);
  }

  get revision(): number {
    return this.model.revision;
  }

  snapshot(atMs: number): FleetState {
    return this.model.snapshot(new Date(atMs).toISOString());
  }

  onEvents(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs every step due up to `atMs`. Returns the number of events emitted. */
  advanceTo(atMs: number): number {
    let emitted = 0;
    let steps = 0;
    const batch: BufferedEvent[] = [];
    while (this.nextStepMs <= atMs) {
      if (++steps > MAX_CATCH_UP_STEPS) {
        this.nextStepMs = atMs + this.options.stepMs;
        break;
      }
      const drafts = runStep(this.stepContext(this.nextStepMs));
      batch.push(...this.commit(drafts));
      emitted += drafts.length;
      this.nextStepMs += this.options.stepMs;
    }
    this.notify(batch);
    return emitted;
  }

  applyAction(req: ActionRequest, atMs: number): ActionApplied {
    this.advanceTo(atMs);
    const outcome = planAction(this.model, req, atMs);
    if (outcome.status === 'failed') return { status: 'failed', message: outcome.message, revision: null };
    if (outcome.unhold) this.held.delete(outcome.unhold);
    if (outcome.freeze) this.frozen.add(outcome.freeze);
    if (outcome.pin) this.pinned.add(outcome.pin);
    const events = this.commit(outcome.drafts);
    this.notify(events);
    return { status: 'succeeded', message: outcome.message, revision: this.model.revision };
  }

  /** Swap in a regenerated fleet (scenario switch). History is gone: resuming clients reset. */
  replaceWorld(world: RegionWorld, trains: TrainPlan, atMs: number): void {
    this.model = new RegionModel(world.state);
    this.trains = trains;
    this.incidents = world.meta.incidents;
    this.held = new Set(world.meta.held);
    this.frozen = new Set(world.meta.frozen);
    this.pinned = new Set();
    this.nextSeq = world.meta.nextInstanceSeq;
    this.buffer.restart(this.model.revision);
    this.nodes = nodeCount(this.model.instances.size);
    this.nextStepMs = atMs + this.options.stepMs;
  }

  private commit(drafts: readonly ChangeDraft[]): BufferedEvent[] {
    const out: BufferedEvent[] = [];
    for (const draft of drafts) {
      const event = { revision: this.model.revision + 1, ...draft } as ChangeEvent;
      this.model.apply(event);
      out.push(this.buffer.push(event));
    }
    return out;
  }

  private notify(batch: readonly BufferedEvent[]): void {
    if (batch.length === 0) return;
    for (const listener of this.listeners) listener(batch);
  }

  private stepContext(atMs: number): StepContext {
    return {
      seed: this.options.seed,
      model: this.model,
      rng: this.rng,
      atMs,
      region: this.spec,
      trains: this.trains,
      held: this.held,
      frozen: this.frozen,
      pinned: this.pinned,
      newInstance: (component, version): Instance => ({
        id: instanceId(this.spec, component, this.nextSeq++),
        host: hostName(this.spec, this.rng.int(1, this.nodes)),
        component,
        version,
        state: 'starting',
        startedAt: new Date(atMs).toISOString(),
        activeUsers: 0,
      }),
    };
  }
}
