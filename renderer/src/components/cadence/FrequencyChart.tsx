import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RegionFrequency } from '../../../../shared/cadence/schemas.ts';

/** Not the target line's green. */
const REGION_COLOURS = ['#3b8eea', '#8f6ee0', '#d29922', '#db61a2', '#e5534b', '#6cb6ff'];
const AXIS = { fontSize: 11, fill: '#8b98a5' };

/** Releases to production per region and UTC week, against the weekly target line. */
export function FrequencyChart({ regions, target }: { regions: RegionFrequency[]; target: number }) {
  const weeks = regions[0]?.weeks ?? [];
  const rows = weeks.map((w, i) => {
    const row: Record<string, number | string> = { week: w.start.slice(0, 10) };
    for (const r of regions) row[r.region] = r.weeks[i]?.releases ?? 0;
    return row;
  });
  const max = Math.max(target, ...regions.flatMap((g) => g.weeks.map((w) => w.releases)));
  return (
    <div className="chart" role="img" aria-label={`Releases to production per region and week against the target of ${target} a week`}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ top: 8, right: 84, bottom: 0, left: 0 }} barGap={0} barCategoryGap="18%">
          <CartesianGrid strokeDasharray="3 3" stroke="#8b98a540" />
          <XAxis dataKey="week" tickFormatter={(d: string) => d.slice(5)} tick={AXIS} minTickGap={20} label={{ value: 'week from Monday (UTC)', position: 'insideBottomRight', offset: -2, fontSize: 10, fill: '#8b98a5' }} />
          <YAxis allowDecimals={false} domain={[0, max + 1]} tick={AXIS} width={48} label={{ value: 'releases', angle: -90, position: 'insideLeft', fontSize: 10, fill: '#8b98a5' }} />
          <Tooltip cursor={{ fill: '#8b98a520' }} labelFormatter={(week) => `week from Monday ${String(week)} (UTC)`} contentStyle={{ fontSize: 12, background: 'var(--bg-raised)', border: '1px solid var(--border)', borderRadius: 6 }} labelStyle={{ color: 'var(--text)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={target} stroke="#2ea043" strokeWidth={2} strokeDasharray="6 4" ifOverflow="extendDomain" label={{ value: `target ${target}/week`, position: 'right', fontSize: 11, fill: '#2ea043' }} />
          {regions.map((r, i) => (
            <Bar key={r.region} dataKey={r.region} fill={REGION_COLOURS[i % REGION_COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
