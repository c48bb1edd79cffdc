import type { ActionRequest, Rollout } from '../../../../shared/protocol/index.ts';
import { useActionDialog } from '../../state/action-dialog.ts';

const ROLLOUT_ACTIONS: { type: Extract<ActionRequest, { rolloutId: string }>['type']; label: string; when: ReadonlySet<Rollout['state']> }[] = [
  { type: 'rollout.pause', label: 'Pause', when: new Set(['progressing']) },
  { type: 'rollout.resume', label: 'Resume', when: new Set(['paused']) },
  { type: 'rollout.abort', label: 'Abort', when: new Set(['progressing', 'paused']) },
];

/** Pause / resume / abort, as the rollout's state allows; each opens the confirmation. */
export function RolloutActions({ region, rollout }: { region: string; rollout: { id: string; component: string; state: string } }) {
  const openAction = useActionDialog((s) => s.open);
  const actions = ROLLOUT_ACTIONS.filter((a) => a.when.has(rollout.state as Rollout['state']));
  if (actions.length === 0) return null;
  return (
    <span className="rollout-actions">
      {actions.map((a) => (
        <button
          key={a.type}
          type="button"
          className={a.type === 'rollout.abort' ? 'small danger-outline' : 'small'}
          aria-label={`${a.label} the rollout of ${rollout.component} in ${region}`}
          onClick={() => openAction({ region, action: { type: a.type, rolloutId: rollout.id } })}
        >
          {a.label}…
        </button>
      ))}
    </span>
  );
}
