import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFleet } from '../support/demo-fleet.ts';
import { startUnleash, type UnleashServer } from '../support/unleash.ts';
import { useConsoleInBrowser } from './support/console-in-browser.ts';
import { startWebConsoleOn } from './support/web-console.ts';

/*
 * The kill switch in Chromium for a region whose toggles live in a real Unleash (regions.json
 * "toggles": { "source": "unleash" }): the Toggles screen lists the Unleash flags, the confirmation
 * turns one off, Unleash says it is off, and the flag's history shows both logs.
 */
const REGION = 'eu-west';
const FLAG = 'imaging.viewer-kill-switch';

let unleash: UnleashServer;
let demo: Awaited<ReturnType<typeof startDemoFleet>>;

beforeAll(async () => {
  unleash = await startUnleash();
  demo = await startDemoFleet({ seed: 51, changesPerSecond: 2 });
  await unleash.admin('POST', '/projects/default/features', { name: FLAG, description: 'Kill switch for the new image viewer', type: 'kill-switch' });
  await unleash.admin('POST', `/projects/default/features/${FLAG}/environments/production/on`);
}, 180_000);
afterAll(async () => {
  await demo?.fleet.stop();
  await unleash?.stop();
});

describe('kill switch in Unleash, from the Toggles screen', () => {
  const ctx = useConsoleInBrowser(
    () =>
      startWebConsoleOn(
        { regions: [{ id: REGION, name: 'EU West', baseUrl: demo.region(REGION).baseUrl, toggles: { source: 'unleash', url: unleash.apiUrl, project: 'default', environment: 'production' } }] },
        { [REGION]: demo.region(REGION).token, [`${REGION}-unleash`]: unleash.adminToken },
      ),
    { viewport: { width: 1440, height: 960 } },
  );

  it('turns the flag off in Unleash through the confirmation, and shows both histories', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+4');
    const section = page.locator(`section[data-region="${REGION}"]`);
    await expect.poll(() => section.textContent(), { timeout: 30_000 }).toContain('from Unleash');
    const row = section.locator(`tr[data-toggle="${FLAG}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-state')).toBe('on');

    await row.getByRole('button', { name: `Turn off ${FLAG} in ${REGION}` }).click();
    const d = page.locator('dialog.action-dialog[open]');
    await d.getByTestId('what-if').waitFor();
    await d.getByLabel('Reason').fill('Viewer corrupts overlays for radiology');
    await d.getByLabel(/to confirm$/).fill(FLAG);
    await d.getByRole('button', { name: 'Turn off', exact: true }).click();
    const outcome = d.getByTestId('action-outcome');
    await outcome.waitFor({ timeout: 20_000 });
    expect(await outcome.getAttribute('data-outcome')).toBe('succeeded');
    await expect(outcome.textContent()).resolves.toMatch(/unleash: on → off \(read back\)/);
    await d.getByRole('button', { name: 'Close', exact: true }).click();

    const feature = await unleash.admin<{ environments: { name: string; enabled: boolean }[] }>('GET', `/projects/default/features/${FLAG}`);
    expect(feature.environments.find((e) => e.name === 'production')?.enabled).toBe(false);
    await page.waitForFunction((key) => document.querySelector(`tr[data-toggle="${key}"]`)?.getAttribute('data-state') === 'off', FLAG, { timeout: 30_000 });

    await row.getByRole('button', { name: `History of ${FLAG} in ${REGION}` }).click();
    const history = page.getByTestId('toggle-history');
    await history.locator('li[data-origin="console"]').first().waitFor();
    expect(await history.locator('li[data-origin="source"]').count()).toBeGreaterThanOrEqual(2);
    expect(await history.locator('li[data-origin="console"]').count()).toBe(2);
    await ctx.browser.screenshot('toggles-unleash');
  });
});
