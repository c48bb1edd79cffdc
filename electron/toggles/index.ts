export { createToggleSource, type ToggleSourceDeps } from './create-toggle-source.ts';
export { formatMinVersionTag, parseRccTag, MIN_VERSION_PREFIX, RCC_TAG_TYPE } from './min-version-tag.ts';
export { NativeToggleSource, type NativeRegion, type NativeToggleOptions } from './native-toggles.ts';
export { isInsecureUnleash, NativeToggleConfig, ToggleConfig, UnleashLimits, UnleashToggleConfig, unleashTokenId } from '../common/toggle-config.ts';
export { SettableToggleState, ToggleError, ToggleEvent, type ToggleChange, type ToggleErrorCode, type ToggleSource } from './toggle-source.ts';
export { UnleashToggleSource, type UnleashToggleOptions } from './unleash-toggles.ts';
