// A grant of every requested scope the server knows (unknown ones were already dropped by oidc-provider),
// with the SMART context kept beside it.
import type Provider from 'oidc-provider';
import type { ContextStore, SmartContext } from './launch';
import { splitScope, type ScopePolicy } from './scopes';

export interface GrantRequest {
  accountId: string;
  clientId: string;
  scope: unknown;
  context: SmartContext;
}

export interface GrantStore {
  provider: Provider;
  fhirBase: string;
  contexts: ContextStore;
  scopes: ScopePolicy;
}

export async function saveGrant({ provider, fhirBase, contexts, scopes }: GrantStore, request: GrantRequest) {
  const { oidc, resource } = scopes.partition(splitScope(request.scope));
  const grant = new provider.Grant({ accountId: request.accountId, clientId: request.clientId });
  if (oidc.length) grant.addOIDCScope(oidc.join(' '));
  if (resource.length) grant.addResourceScope(fhirBase, resource.join(' '));
  const grantId = await grant.save();
  contexts.set(grantId, request.context);
  return grant;
}
