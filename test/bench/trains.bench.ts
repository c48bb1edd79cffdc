import { buildAll } from '../../scripts/build.ts';
import { generateFleet } from '../../demo-fleet/index.ts';
import { indexFleet } from '../../shared/compat/index.ts';
import { gateVerdict, inFlightRollouts, rolloutsWithTrains } from '../../shared/trains/index.ts';
import { openBrowser, waitForShell } from '../e2e/support/browser.ts';
import { startWebConsole } from '../e2e/support/web-console.ts';
import { medianMs, type Benchmark } from './harness.ts';

/**
 * Issue 12: `rcc gate` on the 100,000-instance demo fleet ≤ 50 ms (the verdict on the indexed fleet:
 * gates, the chained what-if over every rollout of the train, canaries), against one bare what-if in
 * the same run; and the Trains screen's first render in Chromium with 52 trains ≤ 200 ms.
 */
const gate: Benchmark = {
  name: 'rcc gate: may the current train go to production (100,000-instance demo fleet, 4 regions)',
  run() {
    const states = generateFleet({ scale: 100_000, seed: 3, scenario: 'steady' });
    const now = new Date().toISOString();
    const view = indexFleet(states, { now });
    const trains = states[0]!.trains;
    const current = trains[trains.length - 2]!.index;
    const rollouts = inFlightRollouts(rolloutsWithTrains(states), current, new Set(view.regionIds()));
    const one = rollouts[0]!;
    const bare = medianMs(() => view.whatIf({ region: one.region, action: { type: 'rollout.resume', rolloutId: one.rollout.id } }), 15, 3);
    let go = false;
    const verdict = medianMs(() => {
      const answer = gateVerdict(states, view, { train: current, stage: 'production', judgements: [] });
      go = answer.ok && answer.verdict.go;
    }, 15, 3);
    const withIndex = medianMs(() => gateVerdict(states, indexFleet(states, { now }), { train: current, stage: 'production', judgements: [] }), 5, 1);
    return {
      pass: verdict <= 50,
      summary: `${verdict.toFixed(1)} ms (budget <= 50 ms), ${(verdict / Math.max(bare, 0.001)).toFixed(1)}x one bare what-if (${bare.toFixed(2)} ms); ${rollouts.length} rollouts completed in the what-if, verdict ${go ? 'GO' : 'NO-GO'}; with indexing the fleet first (what the CLI adds after reading it) ${withIndex.toFixed(0)} ms`,
    };
  },
};

const screen: Benchmark = {
  name: 'Trains screen first render, 52 trains (4-region demo fleet, blocked-train scenario)',
  async run() {
    await buildAll({ quiet: true });
    const app = await startWebConsole({ scenario: 'blocked-train' });
    const browser = await openBrowser({ viewport: { width: 1440, height: 960 } });
    try {
      const { page } = browser;
      await page.goto(app.host.launchUrl);
      await waitForShell(page);
      const list = await app.booted.core.handlers['trains.list']({});
      await page.goto('about:blank');
      await page.goto(`${new URL(app.host.launchUrl).origin}/#/trains`);
      await page.waitForFunction(() => performance.getEntriesByName('rcc:trains:first-render').length > 0, null, { timeout: 60_000 });
      const render = await page.evaluate(() => performance.getEntriesByName('rcc:trains:first-render')[0]!.duration);
      const rows = await page.locator('table[aria-label="Release trains"] > tbody > tr[data-train]').count();
      const baseline = await page.evaluate((n) => {
        const t0 = performance.now();
        const table = document.createElement('table');
        for (let i = 0; i < n; i++) {
          const tr = table.insertRow();
          for (let c = 0; c < 9; c++) tr.insertCell().textContent = `cell ${i}.${c}`;
        }
        document.body.appendChild(table);
        void table.getBoundingClientRect();
        table.remove();
        return performance.now() - t0;
      }, rows);
      return {
        pass: render <= 200 && rows === 52,
        summary: `${render.toFixed(0)} ms from data to paint (budget <= 200 ms) for ${rows} trains (${await page.locator('tr.train-details-row').count()} opened; ${list.trains.filter((t) => t.blocked).length} blocked); a bare table of the same rows ${baseline.toFixed(1)} ms`,
      };
    } finally {
      await browser.close();
      await app.close();
    }
  },
};

export const benchmarks: Benchmark[] = [gate, screen];
