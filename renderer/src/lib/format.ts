export { formatCount as count, plural } from '../../../shared/compat/format.ts';

export const RULE_LABELS: Record<string, string> = {
  'version-window': 'Rule 1 · version window',
  'peer-skew': 'Rule 2 · peer skew',
  'schema-skew': 'Rule 3 · schema skew',
  'toggle-min-version': 'Toggle minimum version',
};
