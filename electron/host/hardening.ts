import type { App, Session, WebContents } from 'electron';
import { isAppUrl } from './trusted-sender.ts';

/** Navigation, new windows, webviews and permissions are all denied; the renderer is one page. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenApp(app: App, session: Session): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
