/**
 * A flag's minimum version, kept in Unleash as a tag: type `rcc`, value `min-version:<component>@<version>`,
 * e.g. `min-version:document-store@7.10.0` (the component id as the console knows it, the version
 * string as the region reports it; split at the first `@`). Unleash caps tag values at 50 characters.
 * Other `rcc` tags are ignored; a second `min-version:` tag on one flag, or one that does not parse,
 * is invalid data (never silently one of them).
 */
export const RCC_TAG_TYPE = 'rcc';
export const MIN_VERSION_PREFIX = 'min-version:';
/** Unleash's limit on a tag value. */
export const UNLEASH_TAG_MAX = 50;

export interface MinVersion {
  component: string;
  version: string;
}

export type TagParse = { kind: 'none' } | { kind: 'min-version'; minVersion: MinVersion } | { kind: 'invalid'; message: string };

export function parseRccTag(tag: { type: string; value: string }): TagParse {
  if (tag.type !== RCC_TAG_TYPE || !tag.value.startsWith(MIN_VERSION_PREFIX)) return { kind: 'none' };
  const rest = tag.value.slice(MIN_VERSION_PREFIX.length);
  const at = rest.indexOf('@');
  const component = at < 0 ? '' : rest.slice(0, at).trim();
  const version = at < 0 ? '' : rest.slice(at + 1).trim();
  if (component === '' || version === '') {
    return { kind: 'invalid', message: `tag ${JSON.stringify(tag.value)}: expected ${MIN_VERSION_PREFIX}<component>@<version>` };
  }
  return { kind: 'min-version', minVersion: { component, version } };
}

/** The tag value for a minimum version; throws when Unleash would refuse it (over 50 characters). */
export function formatMinVersionTag(minVersion: MinVersion): { type: string; value: string } {
  const value = `${MIN_VERSION_PREFIX}${minVersion.component}@${minVersion.version}`;
  if (minVersion.component.includes('@')) throw new Error(`component ${JSON.stringify(minVersion.component)} must not contain @`);
  if (value.length > UNLEASH_TAG_MAX) throw new Error(`tag value ${JSON.stringify(value)} is longer than Unleash's ${UNLEASH_TAG_MAX} characters`);
  return { type: RCC_TAG_TYPE, value };
}
