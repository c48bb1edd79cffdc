import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RegionConnector } from '../../../electron/connector/region-connector.ts';
import { waitFor } from '../../support/demo-fleet.ts';

/**
 * A region whose `GET /v1/fleet` never answers, stopped while the console is still connecting (the
 * console quit during boot): the fetch in flight ends at once, its socket closes, and no change
 * stream is opened afterwards.
 */
describe('a region stopped while its first fetch is in flight', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  it('aborts the fetch, closes the socket and never opens the stream', async () => {
    const requests: string[] = [];
    const open = new Set<Socket>();
    let connections = 0;
    server = createServer((socket) => {
      connections++;
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => open.delete(socket));
      // Read the request line, then never answer.
      socket.once('data', (chunk) => requests.push(chunk.toString('latin1').split('\r\n')[0] ?? ''));
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const connector = new RegionConnector(
      { id: 'hanging', baseUrl: `http://127.0.0.1:${address.port}`, token: 't' },
      { name: 'Hanging', client: { timeoutMs: 60_000, readRetries: 0 }, onStatus: () => {}, onFleet: () => {} },
    );
    const started = connector.start();
    await waitFor(() => requests.length === 1, 'the fleet request to arrive');
    expect(requests[0]).toMatch(/^GET \/v1\/fleet /);

    connector.stop();
    await started; // ends now, not after the 60 s timeout
    await waitFor(() => open.size === 0, 'the fetch socket to close', 5_000);
    // A probe connection made after start() returned: the server accepts connections in order, so a
    // stream opened after the stop would have connected before it.
    const probe = connect(address.port, '127.0.0.1');
    await waitFor(() => connections >= 2, 'the probe to connect');
    probe.destroy();
    expect(connections).toBe(2);
    expect(requests).toHaveLength(1);
    expect(connector.status().state).not.toBe('connected');
  }, 20_000);
});
