import { z } from 'zod';

/** One request/response call of the console API: validated input, validated output. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** `action` calls change something outside the console and are audited; `query` calls only read. */
  readonly kind: 'query' | 'action' | 'setting';
  readonly summary: string;
}

export function call<I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

/** A server-pushed event of the console API. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly summary: string;
}

export function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}

/** Errors cross the boundary as values so the renderer can show and retry them. */
export const ApiErrorKind = z.enum([
  'invalid-input',
  'unknown-call',
  'not-found',
  'unauthorized',
  'forbidden',
  'endpoint',
  'validation',
  'conflict',
  'internal',
  /** The audit store cannot be written, so an action was refused before anything was sent. */
  'audit-unavailable',
]);
export type ApiErrorKind = z.infer<typeof ApiErrorKind>;

export const ApiErrorBody = z.object({
  kind: ApiErrorKind,
  message: z.string(),
  /** zod issue path for invalid input, or the field path of an invalid endpoint response. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
  region: z.string().optional(),
  endpoint: z.string().optional(),
  retryable: z.boolean().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export const Envelope = <O extends z.ZodType>(data: O) =>
  z.union([z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: ApiErrorBody })]);
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };
