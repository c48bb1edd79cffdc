import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RegionFrequency } from '../../../../shared/cadence/schemas.ts';
import { bucketTick } from './format.ts';

const REGION_COLOURS = ['#3b8eea', '#8f6ee0', '#d29922', '#2ea043', '#e5534b', '#6cb6ff'];
const AXIS = { fontSize: 11, fill: '#8b98a5' };

/** Releases to production per region and UTC week, against the weekly target line. */
export function FrequencyChart({ regions, target }: { regions: RegionFrequency[]; target: number }) {
  const weeks = regions[0]?.weeks ?? [];
  const rows = weeks.map((w, i) => {
    const row: Record<string, number> = { at: Date.parse(w.start) };
    for (const r of regions) row[r.region] = r.weeks[i]?.releases ?? 0;
    return row;
  });
  const max = Math.max(target, ...rows.flatMap((r) => regions.map((g) => r[g.region] ?? 0)));
  return (
    <div className="chart" role="img" aria-label={`Releases to production per region and week against the target of ${target} a week`}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#8b98a540" />
          <XAxis dataKey="at" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(ms: number) => bucketTick(ms, 'week')} tick={AXIS} minTickGap={28} label={{ value: 'week (UTC)', position: 'insideBottomRight', offset: -2, fontSize: 10, fill: '#8b98a5' }} />
          <YAxis allowDecimals={false} domain={[0, max + 1]} tick={AXIS} width={48} label={{ value: 'releases', angle: -90, position: 'insideLeft', fontSize: 10, fill: '#8b98a5' }} />
          <Tooltip labelFormatter={(ms) => `week of ${new Date(Number(ms)).toISOString().slice(0, 10)} (UTC)`} contentStyle={{ fontSize: 12, background: 'var(--bg-raised)', border: '1px solid var(--border)', borderRadius: 6 }} labelStyle={{ color: 'var(--text)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={target} stroke="#2ea043" strokeDasharray="6 4" label={{ value: `target ${target}/week`, position: 'insideTopLeft', fontSize: 11, fill: '#2ea043' }} />
          {regions.map((r, i) => (
            <Line key={r.region} type="stepAfter" dataKey={r.region} stroke={REGION_COLOURS[i % REGION_COLOURS.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
