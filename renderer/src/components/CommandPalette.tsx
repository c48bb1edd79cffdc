import { Command as Cmdk } from 'cmdk';
import { useEffect, useRef } from 'react';
import type { Command } from '../app/commands.ts';
import { describe } from '../app/shortcuts.ts';
import { useUi } from '../state/ui-store.ts';

/**
 * The palette in a native modal `<dialog>` (focus trap, inert page, Escape, backdrop) rather than
 * cmdk's Radix dialog: Radix locks scrolling by injecting a `<style>` element, which the CSP's
 * `style-src 'self'` blocks (a console error on every open). The list is mounted only while open,
 * so each opening starts with an empty search.
 */
export function CommandPalette({ commands }: { commands: Command[] }) {
  const open = useUi((s) => s.paletteOpen);
  const setOpen = useUi((s) => s.setPaletteOpen);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
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
  }, [open]);

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
        <Cmdk label="Command palette" className="palette">
          <Cmdk.Input ref={inputRef} placeholder="Type a command or screen…" className="palette-input" />
          <Cmdk.List className="palette-list">
            <Cmdk.Empty>No matching command.</Cmdk.Empty>
            {groups.map((group) => (
              <Cmdk.Group key={group} heading={group}>
                {commands
                  .filter((c) => c.group === group)
                  .map((command) => (
                    <Cmdk.Item
                      key={command.id}
                      value={`${command.group} ${command.title}`}
                      onSelect={() => {
                        setOpen(false);
                        command.run();
                      }}
                      className="palette-item"
                    >
                      <span>{command.title}</span>
                      {command.shortcut && <kbd>{describe(command.shortcut)}</kbd>}
                    </Cmdk.Item>
                  ))}
              </Cmdk.Group>
            ))}
          </Cmdk.List>
        </Cmdk>
      )}
    </dialog>
  );
}
