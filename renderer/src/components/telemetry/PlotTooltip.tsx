import { tooltipTime, valueNear, type PlotLine } from './chart-data.ts';

interface Props {
  active?: boolean;
  label?: string | number;
  lines: readonly PlotLine[];
  format(value: number): string;
  /** How far (seconds) a line's nearest point may be from the hovered time. */
  maxGap: number;
}

/** The hovered time in UTC and in local time, and every line's value there. */
export function PlotTooltip({ active, label, lines, format, maxGap }: Props) {
  if (!active || label === undefined) return null;
  const t = Number(label);
  const { utc, local } = tooltipTime(t);
  return (
    <div className="plot-tooltip">
      <div className="plot-tooltip-time">{utc}</div>
      <div className="muted">local: {local}</div>
      <ul>
        {lines.map((l) => {
          const v = valueNear(l.points, t, maxGap);
          return (
            <li key={l.key} data-role={l.role}>
              <i className="tooltip-key" style={{ borderTopColor: l.colour, borderTopStyle: l.dash ? 'dashed' : 'solid' }} aria-hidden="true" />
              {l.name}: <strong>{v === null ? '—' : format(v)}</strong>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
