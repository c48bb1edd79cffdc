import { memo } from 'react';

const WIDTH = 84;
const HEIGHT = 20;

/** The polyline's points scaled into the box (a flat series sits in the middle). */
export function sparkPoints(values: readonly number[], width = WIDTH, height = HEIGHT): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const y = span === 0 ? height / 2 : height - 1 - ((v - min) / span) * (height - 2);
      return `${(i * step).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** A row's error ratio over the range, as a tiny line (plain SVG: hundreds of rows stay cheap). */
export const Sparkline = memo(function Sparkline({ values, tone, label }: { values: readonly number[]; tone: string; label: string }) {
  if (values.length < 2) return <span className="muted spark-empty">—</span>;
  return (
    <svg className={`sparkline tone-${tone}`} width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <polyline points={sparkPoints(values)} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
});
