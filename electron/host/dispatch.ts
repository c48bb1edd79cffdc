import { calls, isCallName, type Envelope, type Handlers } from '../../shared/contract/index.ts';
import { toErrorBody } from '../common/console-error.ts';
import { describeZodError } from '../../shared/zod-issues.ts';

export type ValidatedArgs = { ok: true; name: keyof Handlers; args: unknown } | Extract<Envelope<never>, { ok: false }>;

/** Looks the call up in the contract and validates its input. Shared by both hosts. */
export function validateCall(name: string, rawInput: unknown): ValidatedArgs {
  if (!isCallName(name)) return { ok: false, error: { kind: 'unknown-call', message: `Unknown call "${name}"` } };
  const parsed = calls[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const { message, path } = describeZodError(parsed.error);
    return { ok: false, error: { kind: 'invalid-input', message: `Invalid arguments for ${name}: ${message}`, path } };
  }
  return { ok: true, name, args: parsed.data };
}

/**
 * Runs a validated call and checks the handler's result against the contract too, so a service bug
 * surfaces as a readable error instead of malformed data in the renderer.
 */
export async function runCall(handlers: Handlers, name: keyof Handlers, args: unknown): Promise<Envelope<unknown>> {
  try {
    const handler = handlers[name] as (a: unknown) => Promise<unknown>;
    const result = await handler(args);
    const checked = calls[name].output.safeParse(result);
    if (!checked.success) {
      return { ok: false, error: { kind: 'internal', message: `The ${name} service returned invalid data: ${describeZodError(checked.error).message}` } };
    }
    return { ok: true, data: checked.data };
  } catch (error) {
    return { ok: false, error: toErrorBody(error) };
  }
}

export async function dispatch(handlers: Handlers, name: string, rawInput: unknown): Promise<Envelope<unknown>> {
  const validated = validateCall(name, rawInput);
  if (!validated.ok) return validated;
  return runCall(handlers, validated.name, validated.args);
}
