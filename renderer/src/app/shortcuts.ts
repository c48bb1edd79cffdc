export interface Shortcut {
  key: string;
  mod?: boolean; // Ctrl on Linux/Windows, Cmd on macOS
  alt?: boolean;
  shift?: boolean;
}

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function matches(shortcut: Shortcut, event: KeyboardEvent): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  return (
    event.key.toLowerCase() === shortcut.key.toLowerCase() &&
    Boolean(shortcut.mod) === mod &&
    Boolean(shortcut.alt) === event.altKey &&
    Boolean(shortcut.shift) === event.shiftKey
  );
}

export function describe(shortcut: Shortcut): string {
  return [shortcut.mod ? (isMac ? '⌘' : 'Ctrl') : null, shortcut.alt ? 'Alt' : null, shortcut.shift ? 'Shift' : null, shortcut.key.toUpperCase()]
    .filter(Boolean)
    .join('+');
}
