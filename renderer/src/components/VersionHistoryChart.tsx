import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryPoint } from '../../../shared/contract/compat.ts';
import { historyChartData, historyTick } from '../lib/history-chart.ts';
import { formatUtc } from '../lib/time.ts';

/** Colours by distance from the newest train; readable on dark and light backgrounds. */
const AGE_COLOURS = ['#3b8eea', '#8f6ee0', '#d29922', '#e5534b'];

/**
 * Memoized: the component page re-renders on every fleet change, and the history (up to 7 days of
 * samples) only changes when a sample is added.
 */
export const VersionHistoryChart = memo(function VersionHistoryChart({ points }: { points: HistoryPoint[] }) {
  const { rows, series, spanMs } = useMemo(() => historyChartData(points), [points]);
  if (rows.length < 2) {
    return <p className="muted">History builds up while the console runs (one sample every 5 s, kept 7 days); {rows.length === 0 ? 'no samples' : '1 sample'} so far.</p>;
  }
  const newest = Math.max(...series.map((s) => s.train));
  return (
    <div className="chart" role="img" aria-label={`Live instances by release train, ${rows.length} samples`}>
      <ResponsiveContainer width="100%" height={220}>
        <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#8b98a540" />
          <XAxis
            dataKey="at"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(ms: number) => historyTick(ms, spanMs)}
            tick={{ fontSize: 11, fill: '#8b98a5' }}
            minTickGap={40}
            label={{ value: 'UTC', position: 'insideBottomRight', offset: -2, fontSize: 10, fill: '#8b98a5' }}
          />
          <YAxis tick={{ fontSize: 11, fill: '#8b98a5' }} width={56} label={{ value: 'instances', angle: -90, position: 'insideLeft', fontSize: 10, fill: '#8b98a5' }} />
          <Tooltip labelFormatter={(ms) => `${formatUtc(new Date(Number(ms)).toISOString())} (local ${new Date(Number(ms)).toLocaleString()})`} contentStyle={{ fontSize: 12, background: 'var(--bg-raised)', border: '1px solid var(--border)', borderRadius: 6 }} labelStyle={{ color: 'var(--text)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => {
            const colour = AGE_COLOURS[Math.min(3, newest - s.train)]!;
            return <Area key={s.key} type="monotone" dataKey={s.key} stackId="trains" stroke={colour} fill={colour} fillOpacity={0.45} isAnimationActive={false} />;
          })}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
});
