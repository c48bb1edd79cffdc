import { createContext, useContext, type ReactNode } from 'react';
import type { RccBridge } from '../../../shared/contract/bridge.ts';
import { createApiClient, type ApiClient } from './client.ts';
import { httpTransport } from './http-transport.ts';
import { ipcTransport } from './ipc-transport.ts';

declare global {
  interface Window {
    rcc?: RccBridge;
  }
}

const ApiContext = createContext<ApiClient | null>(null);

export function defaultApiClient(): ApiClient {
  return createApiClient(window.rcc ? ipcTransport(window.rcc) : httpTransport());
}

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApiClient(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApiClient outside ApiProvider');
  return client;
}
