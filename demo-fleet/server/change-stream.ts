import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamReset } from '../../shared/protocol/index.ts';
import { Prng } from '../model/prng.ts';
import type { RegionFaults } from '../model/faults.ts';
import type { BufferedEvent } from '../sim/replay-buffer.ts';
import { malformedEvent } from './malform.ts';
import type { FleetRuntime, RegionRuntime } from './runtime.ts';

/** A client this far behind is dropped; it resumes with Last-Event-ID when it reconnects. */
const MAX_BACKLOG_BYTES = 16 * 1024 * 1024;

function changeFrame(entry: BufferedEvent, malformed: boolean): string {
  const data = malformed ? JSON.stringify(malformedEvent(entry.event)) : entry.json;
  return `id: ${entry.revision}\nevent: change\ndata: ${data}\n\n`;
}

export function resetFrame(revision: number, reason: string): string {
  const data: StreamReset = { type: 'reset', reason, revision };
  return `id: ${revision}\nevent: reset\ndata: ${JSON.stringify(data)}\n\n`;
}

/** One open `/v1/changes` response, applying the region's stream faults as it writes. */
export class StreamConnection {
  /** An event held back by the reorder fault, sent after the next one. */
  private held: string | null = null;
  private readonly rng: Prng;

  constructor(
    private readonly res: ServerResponse,
    private readonly faults: () => RegionFaults,
    seed: number,
  ) {
    this.rng = new Prng(seed);
  }

  /** Writes a batch of events in one write, applying drop / reorder / duplicate faults. */
  send(entries: readonly BufferedEvent[]): void {
    const f = this.faults();
    let out = '';
    for (const entry of entries) {
      if (f.dropEvents > 0 && this.rng.chance(f.dropEvents)) continue;
      const frame = changeFrame(entry, f.malformed);
      if (this.held !== null) {
        out += frame + this.held;
        this.held = null;
        continue;
      }
      if (f.reorderEvents > 0 && this.rng.chance(f.reorderEvents)) {
        this.held = frame;
        continue;
      }
      out += f.duplicateEvents > 0 && this.rng.chance(f.duplicateEvents) ? frame + frame : frame;
    }
    if (out !== '') this.write(out);
  }

  reset(revision: number, reason: string): void {
    this.held = null;
    this.write(resetFrame(revision, reason));
  }

  heartbeat(): void {
    const held = this.held;
    this.held = null;
    this.write(`${held ?? ''}: ping\n\n`);
  }

  destroy(): void {
    this.res.socket?.destroy();
    this.res.destroy();
  }

  private write(text: string): void {
    if (this.res.destroyed) return;
    if (this.res.writableLength > MAX_BACKLOG_BYTES) {
      this.destroy();
      return;
    }
    this.res.write(text);
  }
}

/** `Last-Event-ID` header, else `?lastEventId=`; undefined when absent. */
function requestedResume(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['last-event-id'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  return url.searchParams.get('lastEventId') ?? undefined;
}

/**
 * GET /v1/changes. Replays from the client's last revision when the buffer still holds it,
 * otherwise sends one `reset` and continues live from the current revision.
 */
export function serveChanges(req: IncomingMessage, res: ServerResponse, url: URL, region: RegionRuntime, fleet: FleetRuntime): void {
  fleet.sync(region);
  const sim = region.sim;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: 2000\n: ${region.spec.id} change stream at revision ${sim.revision}\n\n`);
  const conn = new StreamConnection(res, () => region.faults, fleet.nextStreamSeed());

  const resumeFrom = requestedResume(req, url);
  if (resumeFrom !== undefined) {
    const lastSeen = /^\d+$/.test(resumeFrom) ? Number(resumeFrom) : Number.NaN;
    const replay = sim.buffer.since(lastSeen);
    if (replay === null) {
      const why = Number.isNaN(lastSeen)
        ? `Last-Event-ID "${resumeFrom}" is not a revision`
        : lastSeen > sim.revision
          ? `revision ${lastSeen} is ahead of the region (at ${sim.revision})`
          : `revision ${lastSeen} is older than the replay buffer (oldest resumable: ${sim.buffer.floor})`;
      conn.reset(sim.revision, `${why}; refetch /v1/fleet`);
    } else {
      conn.send(replay);
    }
  }

  // Same tick as the replay: no event can fall between the two.
  const unsubscribe = sim.onEvents((batch) => conn.send(batch));
  region.streams.add(conn);
  const heartbeat = setInterval(() => conn.heartbeat(), fleet.heartbeatMs);
  heartbeat.unref();
  const close = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
    region.streams.delete(conn);
  };
  res.on('close', close);
  req.on('close', close);
}
