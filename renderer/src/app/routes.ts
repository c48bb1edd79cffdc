/** Screens reachable by URL hash, so a screen survives reload and can be linked. */
export type Route =
  | { screen: 'overview' }
  | { screen: 'skew' }
  | { screen: 'violations' }
  | { screen: 'toggles' }
  /** `seq`: the audit entry selected on arrival (e.g. from an action's outcome). */
  | { screen: 'audit'; seq?: number }
  | { screen: 'signals' }
  | { screen: 'alerts' }
  | { screen: 'cadence' }
  | { screen: 'trains' }
  | { screen: 'component'; component: string }
  /** The board report of a train (default: the current one); `print`: without the shell, for a PDF printer. */
  | { screen: 'report'; train?: number; print?: boolean }
  | { screen: 'settings' }
  | { screen: 'compare' };

export type ScreenId = Route['screen'];

export function parseRoute(hash: string): Route {
  const [head, ...rest] = hash.replace(/^#\/?/, '').split('/');
  switch (head) {
    case 'skew':
      return { screen: 'skew' };
    case 'violations':
      return { screen: 'violations' };
    case 'toggles':
      return { screen: 'toggles' };
    case 'signals':
      return { screen: 'signals' };
    case 'alerts':
      return { screen: 'alerts' };
    case 'cadence':
      return { screen: 'cadence' };
    case 'trains':
      return { screen: 'trains' };
    case 'audit': {
      const seq = Number(rest[0]);
      return Number.isSafeInteger(seq) && seq > 0 ? { screen: 'audit', seq } : { screen: 'audit' };
    }
    case 'component':
      return rest[0] ? { screen: 'component', component: decodeURIComponent(rest[0]) } : { screen: 'skew' };
    case 'settings':
      return { screen: 'settings' };
    case 'report': {
      const train = Number(rest[0]);
      const known = rest[0] !== undefined && rest[0] !== '' && Number.isSafeInteger(train) && train >= 0;
      return { screen: 'report', ...(known ? { train } : {}), ...(known && rest[1] === 'print' ? { print: true } : {}) };
    }
    case 'compare':
      return { screen: 'compare' };
    default:
      return { screen: 'overview' };
  }
}

export function routeToHash(route: Route): string {
  switch (route.screen) {
    case 'overview':
      return '#/';
    case 'component':
      return `#/component/${encodeURIComponent(route.component)}`;
    case 'audit':
      return route.seq ? `#/audit/${route.seq}` : '#/audit';
    case 'report':
      return route.train === undefined ? '#/report' : `#/report/${route.train}${route.print ? '/print' : ''}`;
    default:
      return `#/${route.screen}`;
  }
}
