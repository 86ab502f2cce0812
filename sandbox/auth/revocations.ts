// JWT access tokens are self-contained: a resource server that only checks the signature cannot know that one
// was revoked. The sandbox's FHIR server runs in the same process as its authorization server, so they share
// this list (a real deployment would use token introspection, or opaque tokens as in the epic profile).

export class RevocationList {
  /** JWT access token id (jti) → the grant it was issued for. */
  readonly #grantOf = new Map<string, string>();
  readonly #revokedGrants = new Set<string>();

  issued(jti: string, grantId: string): void {
    this.#grantOf.set(jti, grantId);
  }

  /** Every token of the grant is refused from now on (revocation, refresh-token reuse, revoke-all). */
  revokeGrant(grantId: string): void {
    this.#revokedGrants.add(grantId);
  }

  grantOf(jti: string): string | undefined {
    return this.#grantOf.get(jti);
  }

  isRevoked(jti: string | undefined): boolean {
    const grantId = jti === undefined ? undefined : this.#grantOf.get(jti);
    return grantId !== undefined && this.#revokedGrants.has(grantId);
  }
}
