import { callNames, type CallOutput, type Handlers } from '../../shared/contract/index.ts';
import { EventBus } from '../common/event-bus.ts';
import type { ReportPrinter } from '../report/printer.ts';
import { bootConsole, bootSnapshot, openCheckedSnapshot, type BootedConsole, type BootOptions } from '../core/boot.ts';

/**
 * The console a host serves, which can show a snapshot at runtime and come back to live. Both hosts
 * register `handlers` and forward `bus` once; each call goes to the core of the moment.
 *
 * Opening checks the file first (a refused file leaves the live core untouched), then closes the
 * live core (its connectors, demo fleet, stores), boots a read-only core over the snapshot and emits
 * `snapshots.switched` so pages reload. "Back to live" does the reverse. Swaps run one at a time.
 */
export class SwitchableConsole {
  readonly bus = new EventBus();
  readonly handlers: Handlers;
  private current: BootedConsole;
  private unforward: () => void;
  private queue: Promise<unknown> = Promise.resolve();
  private printer: ReportPrinter | null = null;
  private disposed = false;

  private constructor(
    private readonly options: BootOptions,
    first: BootedConsole,
  ) {
    this.current = first;
    this.unforward = this.forward(first);
    const byName: Record<string, (args: unknown) => Promise<unknown>> = {};
    for (const name of callNames) byName[name] = (args: unknown) => (this.current.core.handlers[name] as (a: unknown) => Promise<unknown>)(args);
    this.handlers = byName as unknown as Handlers;
  }

  /** Boots the first core (a snapshot when `options.snapshot` or `$RCC_SNAPSHOT` names one, else live). */
  static async start(options: Omit<BootOptions, 'switcher'>): Promise<SwitchableConsole> {
    let self: SwitchableConsole | null = null;
    const switcher = {
      open: (file: string) => (self ? self.open(file) : Promise.reject(new Error('The console is still starting'))),
      backToLive: () => (self ? self.backToLive() : Promise.reject(new Error('The console is still starting'))),
    };
    const withSwitch: BootOptions = { ...options, switcher };
    self = new SwitchableConsole(withSwitch, await bootConsole(withSwitch));
    return self;
  }

  /** The console shown now (its demo fleet, connectors, snapshot). */
  get booted(): BootedConsole {
    return this.current;
  }

  /** The host's report printer, handed to every core this console shows. */
  setReportPrinter(printer: ReportPrinter | null): void {
    this.printer = printer;
    this.current.core.setReportPrinter(printer);
  }

  open(file: string): Promise<CallOutput<'snapshots.open'>> {
    return this.serially(async () => {
      const snapshot = await openCheckedSnapshot(file);
      await this.retire();
      try {
        this.install(await bootSnapshot(this.options, snapshot));
      } catch (error) {
        this.install(await bootConsole({ ...this.options, snapshot: null }));
        throw error;
      }
      this.bus.emit('snapshots.switched', { mode: 'snapshot', file: snapshot.file });
      return { file: snapshot.file, bytes: snapshot.bytes, manifest: snapshot.manifest, verifiedAt: snapshot.verifiedAt };
    });
  }

  backToLive(): Promise<void> {
    return this.serially(async () => {
      if (!this.current.snapshot) return;
      await this.retire();
      this.install(await bootConsole({ ...this.options, snapshot: null }));
      this.bus.emit('snapshots.switched', { mode: 'live', file: null });
    });
  }

  private disposing: Promise<void> | null = null;

  dispose(): Promise<void> {
    this.disposing ??= this.serially(async () => {
      this.disposed = true;
      this.unforward();
      await this.current.dispose();
    });
    return this.disposing;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.disposed) throw new Error('The console has stopped');
      return work();
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private async retire(): Promise<void> {
    this.unforward();
    this.unforward = () => {};
    await this.current.dispose();
  }

  private install(next: BootedConsole): void {
    this.current = next;
    next.core.setReportPrinter(this.printer);
    this.unforward = this.forward(next);
  }

  private forward(booted: BootedConsole): () => void {
    return booted.core.bus.onAny((name, payload) => this.bus.emit(name, payload as never));
  }
}
