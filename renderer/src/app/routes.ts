/** Screens reachable by URL hash, so a screen survives reload and can be linked. */
export type Route =
  | { screen: 'overview' }
  | { screen: 'settings' };

export type ScreenId = Route['screen'];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head] = path.split('/');
  switch (head) {
    case 'settings':
      return { screen: 'settings' };
    default:
      return { screen: 'overview' };
  }
}

export function routeToHash(route: Route): string {
  switch (route.screen) {
    case 'overview':
      return '#/';
    case 'settings':
      return '#/settings';
  }
}
