// Child process: loads the real dist/electron/main.mjs against the stand-in and reports what it did.
import { register } from 'node:module';
register('./loader.mjs', import.meta.url);
const mainPath = process.argv[2];
await import(mainPath);
const record = globalThis.__fakeElectron;
const deadline = Date.now() + 20_000;
while (record.windows.length === 0 || !record.windows[0].url) {
  if (record.errors.length || Date.now() > deadline) break;
  await new Promise((r) => setTimeout(r, 50));
}
const window = record.windows[0];
const handler = record.protocolHandlers.get('app');
const page = handler ? await handler(new Request('app://rcc/index.html')) : null;
const outside = handler ? await handler(new Request('app://evil/index.html')) : null;
const invoke = (channel, url, input) => record.ipc.get(channel)?.({ senderFrame: { url } }, input);
let permission = null;
record.permissionHandlers[0]?.(null, 'media', (granted) => (permission = granted));
const result = {
  errors: record.errors,
  schemes: record.schemes,
  windowOptions: window?.options ?? null,
  loadedUrl: window?.url ?? null,
  channels: [...record.ipc.keys()],
  page: page && { status: page.status, csp: page.headers.get('content-security-policy'), body: (await page.text()).slice(0, 200) },
  outsideStatus: outside?.status ?? null,
  appInfo: await invoke('rcc:call:app.info', 'app://rcc/index.html', {}),
  foreign: await invoke('rcc:call:app.info', 'https://evil.example/', {}),
  setToken: await invoke('rcc:call:regions.setToken', 'app://rcc/index.html', { regionId: 'eu-west', token: 'token-123456' }),
  permission,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
