import { memo } from 'react';
import type { ChartAnnotation, TelemetryRange } from '../../../../shared/contract/telemetry.ts';
import { utcTick, type PlotLine } from './chart-data.ts';
import { linePath } from './plot-lines.ts';
import { annotationLabels, LABEL_GAP_PX, PLOT_MARGIN, type PlotGeometry } from './plot-geometry.ts';
import { formatNumber } from './signal-format.ts';

const AXIS = '#8b98a5';
const GRID = '#8b98a540';
const ANNOTATION_COLOUR = { rollout: '#a371f7', action: '#d29922' } as const;
const TICK_SIZE = 6;

interface Props {
  geometry: PlotGeometry;
  lines: readonly PlotLine[];
  rows: readonly Record<string, number>[];
  range: TelemetryRange;
  unit: string;
  annotations: readonly ChartAnnotation[];
  from: number;
  to: number;
  labelAnnotations: boolean;
}

/**
 * What a chart draws that does not move with the pointer: grid, axes with their units, the
 * rollout and action marks, and every version's line. Memoized apart from the hover layer, so
 * moving the pointer never rebuilds a path.
 */
export const PlotStatic = memo(function PlotStatic({ geometry, lines, rows, range, unit, annotations, from, to, labelAnnotations }: Props) {
  const { area, scale, xTicks, yTicks } = geometry;
  return (
    <g className="plot-static">
      <g className="plot-grid" stroke={GRID} strokeDasharray="3 3">
        {yTicks.map((v) => (
          <line key={`y${v}`} x1={area.left} x2={area.right} y1={scale.y(v)} y2={scale.y(v)} />
        ))}
        {xTicks.map((t) => (
          <line key={`x${t}`} x1={scale.x(t)} x2={scale.x(t)} y1={area.top} y2={area.bottom} />
        ))}
      </g>
      <g className="plot-axis plot-axis-x" fontSize={11} fill={AXIS}>
        <line x1={area.left} x2={area.right} y1={area.bottom} y2={area.bottom} stroke={AXIS} />
        {xTicks.map((t) => (
          <g key={t}>
            <line x1={scale.x(t)} x2={scale.x(t)} y1={area.bottom} y2={area.bottom + TICK_SIZE} stroke={AXIS} />
            <text className="plot-tick" x={scale.x(t)} y={area.bottom + TICK_SIZE + 2} dy="0.71em" textAnchor="middle">
              {utcTick(t, range)}
            </text>
          </g>
        ))}
        <text className="plot-axis-label" x={area.right} y={area.bottom + 30} fontSize={10} textAnchor="end">
          time (UTC)
        </text>
      </g>
      <g className="plot-axis plot-axis-y" fontSize={11} fill={AXIS}>
        <line x1={area.left} x2={area.left} y1={area.top} y2={area.bottom} stroke={AXIS} />
        {yTicks.map((v) => (
          <g key={v}>
            <line x1={area.left - TICK_SIZE} x2={area.left} y1={scale.y(v)} y2={scale.y(v)} stroke={AXIS} />
            <text className="plot-tick" x={area.left - TICK_SIZE - 2} y={scale.y(v)} dy="0.355em" textAnchor="end">
              {formatNumber(v)}
            </text>
          </g>
        ))}
        <text className="plot-axis-label" transform={`translate(${PLOT_MARGIN.left + 10} ${(area.top + area.bottom) / 2}) rotate(-90)`} fontSize={10} textAnchor="middle" dy="0.355em">
          {unit}
        </text>
      </g>
      <AnnotationLines geometry={geometry} annotations={annotations} from={from} to={to} labelled={labelAnnotations} />
      <g className="plot-lines">
        {lines.map((l) => (
          <path key={l.key} className="plot-line" data-role={l.role} d={linePath(rows, l.key, scale)} fill="none" stroke={l.colour} strokeWidth={l.width} strokeDasharray={l.dash} strokeLinejoin="round" />
        ))}
      </g>
    </g>
  );
});

/**
 * Rollout stage changes and actions as dashed vertical lines, labelled on the first chart. A label
 * that would overlap one already drawn is left out (every mark is listed under the charts).
 */
function AnnotationLines({ geometry, annotations, from, to, labelled }: { geometry: PlotGeometry; annotations: readonly ChartAnnotation[]; from: number; to: number; labelled: boolean }) {
  const { area, scale } = geometry;
  // Only marks inside the window are drawn; labels read away from the nearer edge, so none runs out of the plot.
  const marks = annotations.flatMap((a) => {
    const t = Date.parse(a.at) / 1000;
    return t >= from && t <= to ? [{ a, x: scale.x(t), label: a.label, right: t > (from + to) / 2 }] : [];
  });
  const labels = labelled ? annotationLabels(marks) : [];
  return (
    <g className="plot-annotations">
      {marks.map(({ a, x, right }, i) => {
        const colour = ANNOTATION_COLOUR[a.kind];
        return (
          <g key={`${a.at}-${i}`} className="plot-annotation" data-kind={a.kind}>
            <line x1={x} x2={x} y1={area.top} y2={area.bottom} stroke={colour} strokeDasharray="4 3" />
            {labels[i] === true && (
              <text x={right ? x - LABEL_GAP_PX : x + LABEL_GAP_PX} y={area.top + 5} dy="0.71em" textAnchor={right ? 'end' : 'start'} fontSize={10} fill={colour}>
                {a.label}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
