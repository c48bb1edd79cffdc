import type { DeclaredException } from '../../../shared/compat/index.ts';
import { renderTable } from './render-table.ts';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Declared exceptions as a table and their sentences: pairs beyond ±1 that a component version's
 * declared range allows. They never fail `rcc check`, and are never left out of its output.
 */
export function renderExceptions(exceptions: readonly DeclaredException[]): string {
  const n = exceptions.length;
  const rows = exceptions.map((e, i) => [
    String(i + 1),
    e.rule,
    e.rule === 'peer-skew' ? e.regions.join(' → ') : e.regions.join(', '),
    e.rule === 'schema-skew' ? `${e.components.join(', ')} on ${e.databaseGroup ?? ''}` : e.components.join(' → '),
    e.rule === 'schema-skew' ? `${e.trainNames[0] ?? ''} vs schema ${e.trainNames[1] ?? ''}` : `${e.trainNames[0] ?? ''} → ${e.trainNames[1] ?? ''}`,
    count(e.instances),
    count(e.activeUsers),
  ]);
  const table = renderTable(['#', 'RULE', 'REGIONS', 'SUBJECT', 'TRAINS', 'INSTANCES', 'USERS'], rows, new Set([0, 5, 6]));
  const sentences = exceptions.map((e, i) => `${i + 1}. ${e.sentence}`);
  return `${n} declared ${n === 1 ? 'exception' : 'exceptions'} (beyond ±1, allowed by a declared range):\n\n${table}\n\n${sentences.join('\n')}`;
}
