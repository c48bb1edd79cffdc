import { describe, expect, it } from 'vitest';
import { assertNever } from '../../../shared/assert-never.ts';
import type { ChangeEvent } from '../../../shared/protocol/index.ts';

type Shape = { type: 'circle'; r: number } | { type: 'square'; side: number };

function area(shape: Shape): number {
  switch (shape.type) {
    case 'circle':
      return Math.PI * shape.r ** 2;
    case 'square':
      return shape.side ** 2;
    default:
      return assertNever(shape, 'shape');
  }
}

/** A switch that forgets a member: the narrowed value is not `never`, so the call must not compile. */
function perimeterMissingSquare(shape: Shape): number {
  switch (shape.type) {
    case 'circle':
      return 2 * Math.PI * shape.r;
    default:
      // @ts-expect-error -- `{ type: 'square' }` is not assignable to `never` (typecheck fails if this compiles)
      return assertNever(shape, 'shape');
  }
}

/** Every change-event type but one handled: the remaining member must make the check fail to compile. */
function allButStageGate(event: ChangeEvent): string {
  switch (event.type) {
    case 'instance.upsert':
    case 'instance.remove':
    case 'database.upsert':
    case 'rollout.upsert':
    case 'toggle.upsert':
    case 'componentVersion.upsert':
      return event.type;
    default:
      // @ts-expect-error -- 'stageGate.upsert' is unhandled, so `event` is not `never`
      return assertNever(event, 'change event');
  }
}

describe('assertNever', () => {
  it('compiles in an exhaustive switch and is not reached for handled members', () => {
    expect(area({ type: 'square', side: 3 })).toBe(9);
    expect(area({ type: 'circle', r: 1 })).toBeCloseTo(Math.PI);
  });

  it('throws, naming the unhandled type, when a value reaches it at run time', () => {
    expect(() => perimeterMissingSquare({ type: 'square', side: 2 })).toThrow('unhandled shape: square');
    const gate = { type: 'stageGate.upsert', revision: 1 } as unknown as ChangeEvent;
    expect(() => allButStageGate(gate)).toThrow('unhandled change event: stageGate.upsert');
  });

  it('names non-object values as they are', () => {
    expect(() => assertNever(42 as never)).toThrow('unhandled value: 42');
  });
});
