import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CadenceBucket } from '../../../../shared/cadence/schemas.ts';
import { bucketTick } from './format.ts';

const AXIS = { fontSize: 11, fill: '#8b98a5' };

export interface TrendSeries {
  key: string;
  label: string;
  colour: string;
  dashed?: boolean;
}

/** One key's trend per week or month on a UTC time axis; a bucket without a sample leaves a gap. */
export function TrendChart({ title, unit, axis = unit, rows, series, bucket, format }: { title: string; unit: string; /** The y-axis label when `unit` is too long for it. */ axis?: string; rows: Array<Record<string, number | null>>; series: TrendSeries[]; bucket: CadenceBucket; format: (v: number) => string }) {
  return (
    <figure className="chart cadence-trend" aria-label={`${title} per ${bucket}`}>
      <figcaption>
        {title} <span className="muted">per {bucket} ({unit})</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#8b98a540" />
          <XAxis dataKey="at" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(ms: number) => bucketTick(ms, bucket)} tick={AXIS} minTickGap={28} label={{ value: 'UTC', position: 'insideBottomRight', offset: -2, fontSize: 10, fill: '#8b98a5' }} />
          <YAxis tick={AXIS} width={48} tickFormatter={(v: number) => format(v)} label={{ value: axis, angle: -90, position: 'insideLeft', fontSize: 10, fill: '#8b98a5' }} />
          <Tooltip
            labelFormatter={(ms) => `${bucket} of ${new Date(Number(ms)).toISOString().slice(0, bucket === 'month' ? 7 : 10)} (UTC)`}
            formatter={(v) => (typeof v === 'number' ? format(v) : String(v))}
            contentStyle={{ fontSize: 12, background: 'var(--bg-raised)', border: '1px solid var(--border)', borderRadius: 6 }}
            labelStyle={{ color: 'var(--text)' }}
          />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s) => (
            <Line key={s.key} name={s.label} type="linear" dataKey={s.key} stroke={s.colour} strokeDasharray={s.dashed ? '5 4' : undefined} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
