/** The renderer is served from this origin by the `app://` protocol handler. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rcc';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The parts of an IPC invoke event the sender check reads. */
export interface IpcSenderEvent {
  senderFrame: { url: string } | null;
}

export function isTrustedSender(event: IpcSenderEvent): boolean {
  return isAppUrl(event.senderFrame?.url);
}
