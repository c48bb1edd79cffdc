import type { Handlers, ToggleHistoryEntry } from '../../shared/contract/index.ts';
import type { AuditStore } from '../audit/index.ts';
import type { RegionsService } from '../common/regions-service.ts';
import type { ToggleSource } from '../toggles/index.ts';
import type { ToggleSync } from './toggle-sync.ts';

type ToggleHandlers = Pick<Handlers, 'toggles.list' | 'toggles.history'>;

export interface ToggleHandlerDeps {
  sources?: ReadonlyMap<string, ToggleSource>;
  sync?: ToggleSync;
  audit?: AuditStore | null;
}

/** The toggles of every region with data, read from its current fleet state (regions in configured order). */
export function toggleHandlers(regions: RegionsService, deps: ToggleHandlerDeps = {}): ToggleHandlers {
  return {
    'toggles.list': async () =>
      regions.fleetStates().map((state) => ({
        region: { id: state.region.id, name: state.region.name },
        source: deps.sources?.get(state.region.id)?.kind ?? 'native',
        problem: deps.sync?.problem(state.region.id) ?? null,
        revision: state.revision,
        toggles: state.toggles,
      })),
    'toggles.history': async ({ region, key, limit }) => {
      const entries: ToggleHistoryEntry[] = [];
      let problem: string | null = null;
      const source = deps.sources?.get(region);
      if (source) {
        try {
          for (const e of await source.events(key, limit)) entries.push({ at: e.at, origin: 'source', actor: e.actor, summary: e.summary });
        } catch (error) {
          problem = error instanceof Error ? error.message : String(error);
        }
      }
      const audited = deps.audit?.query({ region, action: 'toggle.set', text: key }, { limit: 200, offset: 0 }).entries ?? [];
      for (const e of audited) {
        if (e.target !== key) continue;
        const what = e.kind === 'intent' ? `asked ${JSON.stringify(e.after)} — ${e.reason ?? ''}` : `${e.outcome}: ${e.response ?? ''}`;
        entries.push({ at: e.at, origin: 'console', actor: e.actorName ? `${e.actorName} (${e.actorUser})` : e.actorUser, summary: `${e.kind} #${e.seq}: ${what}`.slice(0, 500) });
      }
      entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
      return { entries: entries.slice(0, limit * 2), problem };
    },
  };
}
