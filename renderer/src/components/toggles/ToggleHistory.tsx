import { useCall } from '../../api/hooks.ts';
import { formatUtc } from '../../lib/time.ts';

/** A flag's recent changes: the source's own log (Unleash) next to the console's audit entries. */
export function ToggleHistory({ region, toggleKey }: { region: string; toggleKey: string }) {
  const history = useCall('toggles.history', { region, key: toggleKey, limit: 20 });
  if (history.isPending) return <p className="muted" aria-busy="true">Loading the history…</p>;
  if (history.isError) return <p role="alert" className="error-text">Could not load the history: {history.error.message}</p>;
  const { entries, problem } = history.data;
  return (
    <div className="toggle-history" data-testid="toggle-history">
      {problem && <p className="error-text" role="status">The source's event log could not be read: {problem}</p>}
      {entries.length === 0 ? (
        <p className="muted">No recorded change.</p>
      ) : (
        <ol>
          {entries.map((e, i) => (
            <li key={`${e.at}-${i}`} data-origin={e.origin}>
              <span className={`badge ${e.origin === 'source' ? 'badge-origin-source' : 'badge-origin-console'}`}>{e.origin === 'source' ? 'Unleash' : 'console'}</span>{' '}
              <time dateTime={e.at}>{formatUtc(e.at)}</time> · <strong>{e.actor}</strong> · {e.summary}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
