import { describe, expect, it } from 'vitest';
import { useConsoleInBrowser } from './support/console-in-browser.ts';

const CAUSE = '.cause-card[data-cause^="component:eu-west:consent:"]';

describe('causes and plans: skew-violation scenario', () => {
  const ctx = useConsoleInBrowser({ scenario: 'skew-violation' }, { viewport: { width: 1440, height: 1100 } });

  it('leads the Violations screen with one cause of seven violations and its plan; the first step opens the confirmation', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: 'Violations', exact: true }).waitFor();

    const causes = page.getByRole('region', { name: 'Causes' });
    await causes.waitFor({ timeout: 20_000 });
    await expect(causes.getByTestId('causes-summary').textContent()).resolves.toMatch(/^1 cause · 7 violations[\d,]+ instances and [\d,]+ active users touched, each counted once$/);
    // The causes come first: before the violations listed by rule.
    await expect(page.locator('.screen h2').first().textContent()).resolves.toBe('Causes');

    const card = page.locator(CAUSE);
    await expect(card.count()).resolves.toBe(1);
    await expect(page.locator('.cause-card').count()).resolves.toBe(1);
    expect(await card.getAttribute('data-violations')).toBe('7');
    await expect(card.locator('h3').textContent()).resolves.toBe('consent in eu-west is 2 trains behind its callers');
    await expect(card.getByTestId('cause-counts').textContent()).resolves.toMatch(/^7 violations · [\d,]+ instances · [\d,]+ active users$/);

    // Expandable to its seven violations.
    const toggle = card.getByRole('button', { name: 'Show the 7 violations' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await expect(card.locator('.cause-violations li').count()).resolves.toBe(7);
    expect(await card.getByRole('button', { name: 'Hide the 7 violations' }).getAttribute('aria-expanded')).toBe('true');

    // The plan: ordered steps, the verdict after each, and what waits for a release.
    const plan = card.getByRole('region', { name: 'Plan' });
    await plan.locator('.plan-step').first().waitFor({ timeout: 20_000 });
    const steps = Number(await plan.getAttribute('data-steps'));
    expect(steps).toBeGreaterThan(0);
    await expect(plan.locator('.plan-step .step-index').allTextContents()).resolves.toEqual(Array.from({ length: steps }, (_, i) => String(i + 1)));
    for (const verdict of await plan.getByTestId('step-verdict').allTextContents()) expect(verdict).toMatch(/^resolves 1 violation · introduces none · \d+ violations? left after it · (moves|gates|reaches) /);
    await expect(plan.getByTestId('plan-headline').textContent()).resolves.toMatch(/^Resolves \d of 7 in \d+ steps?, introducing none/);
    if ((await plan.getAttribute('data-complete')) === 'false') {
      await expect(plan.getByTestId('plan-unfixable').textContent()).resolves.toMatch(/Needs a release — consent in eu-west is 2 trains behind/);
    }
    await ctx.browser.screenshot('violations-causes');

    // Step 1 opens the normal confirmation, reason prefilled with the cause; nothing runs until confirmed.
    const summary = (await plan.locator('.plan-step').first().locator('.step-summary').textContent()) ?? '';
    await plan.getByRole('button', { name: 'Review step 1…' }).click();
    const dialog = page.locator('dialog.action-dialog[open]');
    await dialog.getByTestId('what-if').waitFor();
    const title = (await dialog.locator('#action-dialog-title').textContent()) ?? '';
    // The step and the confirmation it opens name the same component.
    const component = /^(?:Abort|Resume) the rollout of (\S+)|^Roll (\S+)/.exec(summary);
    expect(title).toMatch(new RegExp(`^(Abort the rollout of|Roll) ${component?.[1] ?? component?.[2] ?? '<none>'} `));
    await expect(dialog.getByLabel('Reason').inputValue()).resolves.toBe(`Remediation plan, step 1 of ${steps}: consent in eu-west is 2 trains behind its callers`);
    await expect(dialog.getByTestId('what-if').textContent()).resolves.toContain('Introduces no violation.');
    await expect(dialog.getByTestId('resolved').textContent()).resolves.toMatch(/Resolved \(1\).*calls consent/);
    await ctx.browser.screenshot('violations-causes-step');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('dialog.action-dialog[open]').count()).resolves.toBe(0);
  });

  it('says on the overview how many causes are behind the violations, and leads to their plans', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    const line = page.getByTestId('cause-summary');
    await line.waitFor({ timeout: 20_000 });
    await expect(line.textContent()).resolves.toBe('1 cause · 7 violationsconsent in eu-west is 2 trains behind its callersCauses and plans →');
    await ctx.browser.screenshot('overview-causes');
    await line.getByRole('button', { name: 'Causes and plans →' }).click();
    await page.getByRole('region', { name: 'Causes' }).waitFor();
    expect(page.url()).toContain('#/violations');
  });

  it('the skew matrix leads with the cause too', async () => {
    await ctx.open('/skew');
    const { page } = ctx.browser;
    const line = page.getByTestId('cause-summary');
    await line.waitFor({ timeout: 20_000 });
    await expect(line.textContent()).resolves.toContain('1 cause · 7 violations');
    await expect(line.textContent()).resolves.toContain('consent in eu-west is 2 trains behind its callers');
  });
});
