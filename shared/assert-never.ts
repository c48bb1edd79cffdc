/**
 * Exhaustiveness check for `switch`es over a discriminated union: call it in the `default` branch
 * with the narrowed value. When every member has its `case`, the value is `never` and this compiles;
 * when a member is added to the union without a `case`, the call no longer type-checks. At run time
 * (data that bypassed validation) it throws, naming the unexpected `type`.
 */
export function assertNever(value: never, what = 'value'): never {
  const seen: unknown = value;
  const type =
    typeof seen === 'object' && seen !== null && 'type' in seen ? String(seen.type) : String(seen);
  throw new Error(`unhandled ${what}: ${type}`);
}
