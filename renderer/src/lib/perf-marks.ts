/**
 * Performance marks the benchmarks read through the web host: when a screen's data arrived and
 * when its first render was committed and painted.
 */
const marked = new Set<string>();

export function markOnce(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(name);
}

/** Marks `${prefix}:painted` after the browser paints the committed render, and measures from data arrival. */
export function markPainted(prefix: string): void {
  if (marked.has(`${prefix}:painted`)) return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      markOnce(`${prefix}:painted`);
      if (performance.getEntriesByName(`${prefix}:data`).length > 0) performance.measure(`${prefix}:first-render`, `${prefix}:data`, `${prefix}:painted`);
    }, 0),
  );
}
