import type { TokenStore } from '../connector/token-store.ts';
import { NativeToggleSource, type NativeRegion, type NativeToggleOptions } from './native-toggles.ts';
import type { ToggleConfig } from '../common/toggle-config.ts';
import type { ToggleSource } from './toggle-source.ts';
import { UnleashToggleSource, type UnleashToggleOptions } from './unleash-toggles.ts';

export interface ToggleSourceDeps {
  /** The region's native endpoint (its `RegionClient` and the connector's live state). */
  native: NativeRegion;
  /** Where the Unleash admin token is read (id `<region>-unleash` unless the config names another). */
  tokens: TokenStore;
  nativeOptions?: NativeToggleOptions;
  unleashOptions?: UnleashToggleOptions;
}

/** The toggle source a region's `"toggles"` entry asks for; native when absent. */
export async function createToggleSource(regionId: string, config: ToggleConfig | undefined, deps: ToggleSourceDeps): Promise<ToggleSource> {
  if (config === undefined || config.source === 'native') return new NativeToggleSource(regionId, deps.native, deps.nativeOptions);
  return UnleashToggleSource.fromTokenStore(regionId, config, deps.tokens, deps.unleashOptions);
}
