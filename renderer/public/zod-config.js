// The renderer's CSP has no 'unsafe-eval'. Zod probes for `new Function` when it builds its first
// object schema unless its global config says `jitless`; the probe's exception is caught, but
// Chromium still reports a script-src violation. A classic script runs before every module chunk,
// so this holds however the bundler splits and orders the chunks that define schemas.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
