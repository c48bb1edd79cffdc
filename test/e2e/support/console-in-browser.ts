import { afterAll, afterEach, beforeAll } from 'vitest';
import type { DemoOptions } from '../../../electron/core/boot.ts';
import { openBrowser, waitForShell, type BrowserFixture } from './browser.ts';
import { startWebConsole, type WebConsole } from './web-console.ts';

export interface ConsoleInBrowser {
  app: WebConsole;
  browser: BrowserFixture;
  /**
   * Loads the console afresh at a screen (a hash route such as `/skew` or `/component/imaging`) and
   * waits for the shell's data: a test starts from a known page, whichever test ran before it.
   */
  open(route?: string): Promise<void>;
}

/**
 * For one describe block: the console on the demo fleet behind the web host, and Chromium at its
 * launch URL with the shell loaded. Read the fixture inside tests (it is filled in beforeAll).
 *
 * Every test fails when the page reported a console error, an uncaught exception or a CSP
 * violation while it ran (checked after each test, so no test has to remember to).
 */
export function useConsoleInBrowser(demo: DemoOptions | (() => Promise<WebConsole>) = {}, browser: Parameters<typeof openBrowser>[0] = {}): ConsoleInBrowser {
  const fixture = {
    async open(route = '/') {
      const { page } = fixture.browser;
      // about:blank first, so a route that differs only by its hash still loads a new document.
      await page.goto('about:blank');
      await page.goto(`${fixture.app.host.origin}/#${route.startsWith('/') ? route : `/${route}`}`);
      await waitForShell(page);
    },
  } as ConsoleInBrowser;
  beforeAll(async () => {
    fixture.app = typeof demo === 'function' ? await demo() : await startWebConsole(demo);
    fixture.browser = await openBrowser({ colorScheme: 'dark', ...browser });
    await fixture.browser.page.goto(fixture.app.host.launchUrl); // trades the secret for the cookie
    await waitForShell(fixture.browser.page);
  });
  afterEach((context) => {
    fixture.browser?.assertNoErrors(`during "${context.task.name}"`);
  });
  afterAll(async () => {
    const late = fixture.browser?.takeErrors() ?? [];
    await fixture.browser?.close();
    await fixture.app?.close();
    if (late.length > 0) throw new Error(`The page reported ${late.length} error(s) after the last test:\n${late.join('\n')}`);
  });
  return fixture;
}
