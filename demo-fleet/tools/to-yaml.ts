/**
 * Emits YAML for JSON data (no parser needed: YAML 1.2 reads JSON-style double-quoted scalars).
 * Used to keep docs/openapi.yaml a faithful rendering of the canonical docs/openapi.json.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$.-]*$/;

function scalar(value: null | boolean | number | string): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function key(k: string): string {
  return PLAIN_KEY.test(k) && !['true', 'false', 'null', 'yes', 'no', 'on', 'off'].includes(k.toLowerCase()) ? k : JSON.stringify(k);
}

function isContainer(v: Json): v is Json[] | { [key: string]: Json } {
  return v !== null && typeof v === 'object';
}

function isEmpty(v: Json[] | { [key: string]: Json }): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

function lines(value: Json, indent: string): string[] {
  if (!isContainer(value)) return [indent + scalar(value)];
  if (isEmpty(value)) return [indent + (Array.isArray(value) ? '[]' : '{}')];
  const out: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isContainer(item) && !isEmpty(item)) {
        const nested = lines(item, `${indent}  `);
        out.push(`${indent}- ${(nested[0] ?? '').trimStart()}`, ...nested.slice(1));
      } else {
        out.push(`${indent}- ${isContainer(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`);
      }
    }
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (isContainer(v) && !isEmpty(v)) {
      out.push(`${indent}${key(k)}:`, ...lines(v, `${indent}  `));
    } else {
      out.push(`${indent}${key(k)}: ${isContainer(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v)}`);
    }
  }
  return out;
}

export function toYaml(value: unknown, header = ''): string {
  return `${header}${lines(value as Json, '').join('\n')}\n`;
}
