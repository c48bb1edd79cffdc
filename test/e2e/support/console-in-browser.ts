import { afterAll, beforeAll } from 'vitest';
import type { DemoOptions } from '../../../electron/core/boot.ts';
import { openBrowser, waitForShell, type BrowserFixture } from './browser.ts';
import { startWebConsole, type WebConsole } from './web-console.ts';

export interface ConsoleInBrowser {
  app: WebConsole;
  browser: BrowserFixture;
}

/**
 * For one describe block: the console on the demo fleet behind the web host, and Chromium at its
 * launch URL with the shell loaded. Read the fixture inside tests (it is filled in beforeAll).
 */
export function useConsoleInBrowser(demo: DemoOptions = {}, browser: Parameters<typeof openBrowser>[0] = {}): ConsoleInBrowser {
  const fixture = {} as ConsoleInBrowser;
  beforeAll(async () => {
    fixture.app = await startWebConsole(demo);
    fixture.browser = await openBrowser({ colorScheme: 'dark', ...browser });
    await fixture.browser.page.goto(fixture.app.host.launchUrl);
    await waitForShell(fixture.browser.page);
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.app?.close();
  });
  return fixture;
}
