/**
 * What the preload exposes on `window.rccFiles`: the path of a file dropped on the window (Electron's
 * `webUtils.getPathForFile`), so a dropped `.rccsnap` opens in place instead of being copied.
 */
export interface RccFileBridge {
  pathForFile(file: unknown): string;
}

export function buildFileBridge<F>(getPathForFile: (file: F) => string, isFile: (value: unknown) => value is F): RccFileBridge {
  return Object.freeze({
    pathForFile(file: unknown): string {
      if (!isFile(file)) throw new TypeError('pathForFile takes a File from a drop or an <input type=file>');
      return getPathForFile(file);
    },
  });
}
