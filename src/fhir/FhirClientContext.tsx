import { createContext, useContext, type ReactNode } from 'react';
import type { FhirClient } from './createFhirClient';

const FhirClientContext = createContext<FhirClient | null>(null);

export function FhirClientProvider({ client, children }: { client: FhirClient; children: ReactNode }) {
  return <FhirClientContext.Provider value={client}>{children}</FhirClientContext.Provider>;
}

export function useFhirClient(): FhirClient {
  const client = useContext(FhirClientContext);
  if (!client) throw new Error('useFhirClient() needs a <FhirClientProvider> (no active session).');
  return client;
}
