import { count } from '../lib/format.ts';

/** A small stacked bar of instance counts per release train, oldest to newest. */
export function TrainMixBar({ mix, label }: { mix: { train: number; trainName: string; instances: number }[]; label: string }) {
  const total = mix.reduce((sum, m) => sum + m.instances, 0);
  if (total === 0) return null;
  const newest = Math.max(...mix.map((m) => m.train));
  return (
    <div className="mix" role="img" aria-label={`${label}: ${mix.map((m) => `train ${m.trainName} ${m.instances}`).join(', ')}`}>
      <div className="mix-bar">
        {mix.map((m) => (
          <span
            key={m.train}
            className={`mix-seg age-${Math.min(3, newest - m.train)}`}
            style={{ flexGrow: m.instances }}
            title={`${m.trainName}: ${count(m.instances)} instances`}
          />
        ))}
      </div>
      <div className="mix-legend">
        {mix.map((m) => (
          <span key={m.train}>
            <i className={`swatch age-${Math.min(3, newest - m.train)}`} aria-hidden="true" /> {m.trainName} · {count(m.instances)}
          </span>
        ))}
      </div>
    </div>
  );
}
