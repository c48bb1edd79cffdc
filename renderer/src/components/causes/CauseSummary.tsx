import { plural } from '../../lib/format.ts';
import { useUi } from '../../state/ui-store.ts';
import { useCauses } from './use-causes.ts';
import './causes.css';

/** The overview's one line on causes: how many are behind the violations, and the first of them. */
export function CauseSummary() {
  const causes = useCauses();
  const navigate = useUi((s) => s.navigate);
  const list = causes.data;
  if (!list || list.causes.length === 0) return null;
  const [first] = list.causes;
  return (
    <p className="cause-summary" data-testid="cause-summary" data-causes={list.causes.length} data-violations={list.violations}>
      <strong className="cause-count">{plural(list.causes.length, 'cause')} · {plural(list.violations, 'violation')}</strong>
      {first && <span>{list.causes.length > 1 ? 'first: ' : ''}{first.title}</span>}
      <button type="button" className="link" onClick={() => navigate({ screen: 'violations' })}>Causes and plans →</button>
    </p>
  );
}
