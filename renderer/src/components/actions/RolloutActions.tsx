import type { ReactNode } from 'react';
import type { ActionRequest, Rollout } from '../../../../shared/protocol/index.ts';
import { useActionDialog } from '../../state/action-dialog.ts';
import { useReadOnly } from '../snapshots/use-read-only.ts';

type RolloutActionType = Extract<ActionRequest, { rolloutId: string }>['type'];

/** Small inline icons (SVG, no style element): pause bars, resume triangle, abort square. */
const ICONS: Record<RolloutActionType, ReactNode> = {
  'rollout.pause': (
    <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false"><rect x="1.5" y="1" width="2.5" height="8" fill="currentColor" /><rect x="6" y="1" width="2.5" height="8" fill="currentColor" /></svg>
  ),
  'rollout.resume': (
    <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false"><path d="M2 1 L9 5 L2 9 Z" fill="currentColor" /></svg>
  ),
  'rollout.abort': (
    <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false"><rect x="1.5" y="1.5" width="7" height="7" fill="currentColor" /></svg>
  ),
};

const ROLLOUT_ACTIONS: { type: RolloutActionType; label: string; when: ReadonlySet<Rollout['state']> }[] = [
  { type: 'rollout.pause', label: 'Pause', when: new Set(['progressing']) },
  { type: 'rollout.resume', label: 'Resume', when: new Set(['paused']) },
  { type: 'rollout.abort', label: 'Abort', when: new Set(['progressing', 'paused']) },
];

/**
 * Pause / resume / abort, as the rollout's state allows; each opens the confirmation. `compact`
 * shows icon buttons (the overview's cards), named for assistive technology and on hover.
 */
export function RolloutActions({ region, rollout, compact = false }: { region: string; rollout: { id: string; component: string; state: string }; compact?: boolean }) {
  const openAction = useActionDialog((s) => s.open);
  const readOnly = useReadOnly();
  const actions = ROLLOUT_ACTIONS.filter((a) => a.when.has(rollout.state as Rollout['state']));
  if (actions.length === 0) return null;
  return (
    <span className={compact ? 'rollout-actions compact' : 'rollout-actions'}>
      {actions.map((a) => {
        const name = `${a.label} the rollout of ${rollout.component} in ${region}`;
        return (
          <button
            key={a.type}
            type="button"
            className={`small${a.type === 'rollout.abort' ? ' danger-outline' : ''}${compact ? ' icon-action' : ''}`}
            aria-label={name}
            title={compact ? `${name}…` : undefined}
            disabled={readOnly}
            onClick={() => openAction({ region, action: { type: a.type, rolloutId: rollout.id } })}
          >
            {compact ? ICONS[a.type] : `${a.label}…`}
          </button>
        );
      })}
    </span>
  );
}
