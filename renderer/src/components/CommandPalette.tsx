import { Command as Cmdk } from 'cmdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Command, PickerId } from '../app/commands.ts';
import { describe } from '../app/shortcuts.ts';
import { useCall } from '../api/hooks.ts';
import { previousTrainRollback, trainNames, type ActionChoice } from '../lib/actions.ts';
import { useActionDialog } from '../state/action-dialog.ts';
import { useUi } from '../state/ui-store.ts';

const PICKERS: Record<PickerId, { placeholder: string; empty: string }> = {
  'toggle-off': { placeholder: 'Which toggle to turn off? (key, region, description…)', empty: 'No toggle is on.' },
  rollback: { placeholder: 'Which component, in which region, to roll back one train?', empty: 'Nothing to roll back.' },
};

/**
 * The palette in a native modal `<dialog>` (focus trap, inert page, Escape, backdrop) rather than
 * cmdk's Radix dialog: Radix locks scrolling by injecting a `<style>` element, which the CSP's
 * `style-src 'self'` blocks (a console error on every open). The list is mounted only while open,
 * so each opening starts with an empty search. Commands with a picker ("Toggle off…") open a second
 * page of choices; Backspace in the empty search goes back.
 */
export function CommandPalette({ commands }: { commands: Command[] }) {
  const open = useUi((s) => s.paletteOpen);
  const setOpen = useUi((s) => s.setPaletteOpen);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [picker, setPicker] = useState<PickerId | null>(null);
  const [search, setSearch] = useState('');
  const groups = [...new Set(commands.map((c) => c.group))];

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      inputRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    if (!open) {
      setPicker(null);
      setSearch('');
    }
  }, [open]);

  // A picker page remounts the list and its input: keep the focus in the search box.
  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open, picker]);

  const choose = (command: Command) => {
    if (command.picker) {
      setPicker(command.picker);
      setSearch('');
      return;
    }
    setOpen(false);
    command.run();
  };

  return (
    <dialog
      ref={dialogRef}
      className="palette-dialog"
      aria-label="Command palette"
      onClose={() => setOpen(false)}
      // A click on the dialog element itself (not its content) is a click on the backdrop.
      onClick={(event) => {
        if (event.target === event.currentTarget) setOpen(false);
      }}
    >
      {open && (
        <Cmdk label="Command palette" className="palette" key={picker ?? 'root'}>
          <Cmdk.Input
            ref={inputRef}
            value={search}
            onValueChange={setSearch}
            placeholder={picker ? PICKERS[picker].placeholder : 'Type a command or screen…'}
            className="palette-input"
            onKeyDown={(event) => {
              if (picker && event.key === 'Backspace' && search === '') {
                event.preventDefault();
                setPicker(null);
              }
            }}
          />
          <Cmdk.List className="palette-list">
            {picker ? (
              <PickerPage picker={picker} onChosen={() => setOpen(false)} />
            ) : (
              <>
                <Cmdk.Empty>No matching command.</Cmdk.Empty>
                {groups.map((group) => (
                  <Cmdk.Group key={group} heading={group}>
                    {commands
                      .filter((c) => c.group === group)
                      .map((command) => (
                        <Cmdk.Item key={command.id} value={`${command.group} ${command.title}`} onSelect={() => choose(command)} className="palette-item">
                          <span>{command.title}</span>
                          {command.shortcut && <kbd>{describe(command.shortcut)}</kbd>}
                        </Cmdk.Item>
                      ))}
                  </Cmdk.Group>
                ))}
              </>
            )}
          </Cmdk.List>
        </Cmdk>
      )}
    </dialog>
  );
}

/** The choices of one picker, each opening the action's confirmation. */
function PickerPage({ picker, onChosen }: { picker: PickerId; onChosen(): void }) {
  const openAction = useActionDialog((s) => s.open);
  const choices = usePickerChoices(picker);
  return (
    <>
      <Cmdk.Empty>{choices === null ? 'Loading…' : PICKERS[picker].empty}</Cmdk.Empty>
      <Cmdk.Group heading={picker === 'toggle-off' ? 'Toggles that are on' : 'Roll back one train'}>
        {(choices ?? []).map((choice) => (
          <Cmdk.Item
            key={choice.key}
            value={`${choice.label} ${choice.keywords}`}
            className="palette-item"
            onSelect={() => {
              onChosen();
              openAction(choice.draft);
            }}
          >
            <span>{choice.label}</span>
            {choice.hint && <span className="muted palette-hint">{choice.hint}</span>}
          </Cmdk.Item>
        ))}
      </Cmdk.Group>
    </>
  );
}

interface PickerChoice extends ActionChoice {
  key: string;
  keywords: string;
  hint?: string;
}

/** Choices of a picker from the data it needs (fetched only while the picker is shown); null while loading. */
function usePickerChoices(picker: PickerId): PickerChoice[] | null {
  const toggles = useCall('toggles.list', {}, { enabled: picker === 'toggle-off' });
  const matrix = useCall('compat.matrix', {}, { enabled: picker === 'rollback' });
  return useMemo(() => {
    if (picker === 'toggle-off') {
      if (!toggles.data) return null;
      return toggles.data.flatMap(({ region, toggles: list }) =>
        list
          .filter((t) => t.state === 'on')
          .map((t) => ({
            key: `${region.id}/${t.key}`,
            label: `Turn off ${t.key} in ${region.id}`,
            hint: t.environment,
            keywords: `${t.description} ${region.name}`,
            draft: { region: region.id, action: { type: 'toggle.set' as const, key: t.key, state: 'off' as const } },
          })),
      );
    }
    if (!matrix.data) return null;
    const m = matrix.data;
    const names = trainNames(m.cells.map((c) => c.mix));
    const order = { violation: 0, exception: 1, warning: 2, ok: 3 } as const;
    return [...m.cells]
      .filter((c) => c.live > 0)
      .sort((a, b) => order[a.status] - order[b.status] || a.component.localeCompare(b.component) || a.region.localeCompare(b.region))
      .flatMap((cell) => {
        const choice = previousTrainRollback(cell.component, cell.region, cell.mix, names);
        return choice ? [{ ...choice, key: `${cell.region}/${cell.component}`, keywords: cell.status, hint: cell.status === 'ok' ? undefined : cell.status }] : [];
      });
  }, [picker, toggles.data, matrix.data]);
}
