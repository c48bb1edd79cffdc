import { describe, expect, it } from 'vitest';
import { CheckedTelemetryResponse, TelemetryResponse } from '../../../shared/protocol/index.ts';

const series = (points: unknown) => ({ component: 'api-gateway', version: '1.2.0', signal: 'error_rate', unit: 'ratio', points });
const answer = (points: unknown) => ({ region: 'us-east', series: [series([[1, 0.5]]), series(points)] });

const accepted: unknown[] = [
  answer([]),
  answer([
    [1_764_000_000, 0.012],
    [1_764_000_060, 1],
    [-5, -0.25],
  ]),
];
const refused: Array<[string, unknown]> = [
  ['a pair with a string', answer([[1, '0.5']])],
  ['a pair of three', answer([[1, 2, 3]])],
  ['a pair of one', answer([[1]])],
  ['an object for a pair', answer([{ t: 1, v: 2 }])],
  ['null for a pair', answer([null])],
  ['points not an array', answer({ 0: [1, 2] })],
  ['an infinite value', answer([[1, Number.POSITIVE_INFINITY]])],
  ['NaN', answer([[Number.NaN, 1]])],
  ['no points', { region: 'us-east', series: [{ component: 'api-gateway', version: '1', signal: 'health', unit: 'ratio' }] }],
  ['an unknown signal', { region: 'us-east', series: [{ ...series([]), signal: 'cpu' }] }],
];

describe('CheckedTelemetryResponse (how the console validates GET /v1/telemetry)', () => {
  it.each(accepted.map((a, i) => [i, a]))('accepts what TelemetryResponse accepts (%i), keeping the very pairs it was given', (_, body) => {
    const checked = CheckedTelemetryResponse.safeParse(body);
    expect(TelemetryResponse.safeParse(body).success).toBe(true);
    expect(checked.success).toBe(true);
    const points = (body as { series: Array<{ points: unknown[] }> }).series[1]!.points;
    expect(checked.data?.series[1]?.points).toEqual(points);
    if (points.length > 0) expect(checked.data?.series[1]?.points[0]).toBe(points[0]);
  });

  it.each(refused)('refuses %s, as TelemetryResponse does', (_, body) => {
    expect(TelemetryResponse.safeParse(body).success).toBe(false);
    expect(CheckedTelemetryResponse.safeParse(body).success).toBe(false);
  });

  it('names the first bad pair, or the bad number in it, by its path', () => {
    const badValue = CheckedTelemetryResponse.safeParse(answer([[1, 2], [3, 4], [5, 'x'], [7]]));
    expect(badValue.error?.issues[0]?.path).toEqual(['series', 1, 'points', 2, 1]);
    expect(badValue.error?.issues[0]?.message).toContain('"x"');
    const badPair = CheckedTelemetryResponse.safeParse(answer([[1, 2], [7], [5, 'x']]));
    expect(badPair.error?.issues[0]?.path).toEqual(['series', 1, 'points', 1]);
    expect(badPair.error?.issues[0]?.message).toContain('[7]');
  });
});
