import type { Violation } from '../../../shared/compat/index.ts';

/** Plain-text table: left-aligned text, right-aligned numbers, two spaces between columns. */
export function renderTable(headers: string[], rows: string[][], numeric: ReadonlySet<number>): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

function subject(v: Violation): string {
  switch (v.rule) {
    case 'version-window':
      return v.components.join(', ');
    case 'peer-skew':
      return v.components.length === 1 ? `${v.components[0] ?? ''} → itself` : v.components.join(' → ');
    case 'schema-skew':
      return `${v.components.join(', ')} on ${v.databaseGroup ?? ''}`;
    case 'toggle-min-version':
      return `${v.toggle ?? ''} (${v.components.join(', ')})`;
  }
}

function trains(v: Violation): string {
  const [a = '', b = ''] = v.trainNames;
  switch (v.rule) {
    case 'version-window':
      return `${a} … ${b}`;
    case 'peer-skew':
      return `${a} → ${b}`;
    case 'schema-skew':
      return `${a} vs schema ${b}`;
    case 'toggle-min-version':
      return `needs ${a}`;
  }
}

const count = (n: number) => n.toLocaleString('en-US');

/** The violations as a table, then each one's sentence, numbered like the rows. */
export function renderViolations(violations: readonly Violation[]): string {
  const rows = violations.map((v, i) => [
    String(i + 1),
    v.rule,
    v.rule === 'peer-skew' ? v.regions.join(' → ') : v.regions.join(', '),
    subject(v),
    trains(v),
    count(v.instances),
    count(v.activeUsers),
  ]);
  const table = renderTable(['#', 'RULE', 'REGIONS', 'SUBJECT', 'TRAINS', 'INSTANCES', 'USERS'], rows, new Set([0, 5, 6]));
  const sentences = violations.map((v, i) => `${i + 1}. ${v.sentence}`);
  return `${table}\n\n${sentences.join('\n')}`;
}
