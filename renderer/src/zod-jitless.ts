import { z } from 'zod';

/**
 * The renderer's CSP has no 'unsafe-eval'. Zod otherwise probes for `new Function` on its first
 * object parse; the probe's exception is caught, but Chromium still reports a script-src
 * `securitypolicyviolation`. Imported first by main.tsx, before any schema is used.
 */
z.config({ jitless: true });
