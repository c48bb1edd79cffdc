import { Command as Cmdk } from 'cmdk';
import type { Command } from '../app/commands.ts';
import { describe } from '../app/shortcuts.ts';
import { useUi } from '../state/ui-store.ts';

export function CommandPalette({ commands }: { commands: Command[] }) {
  const open = useUi((s) => s.paletteOpen);
  const setOpen = useUi((s) => s.setPaletteOpen);
  const groups = [...new Set(commands.map((c) => c.group))];
  return (
    <Cmdk.Dialog open={open} onOpenChange={setOpen} label="Command palette" className="palette" overlayClassName="palette-overlay">
      <Cmdk.Input placeholder="Type a command or screen…" className="palette-input" />
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
    </Cmdk.Dialog>
  );
}
