// The EHR launch parameter: base64url of a JSON object, created by the EHR simulator and read back by the
// authorization server (the SMART reference launcher works the same way). Opaque to the app.

export interface LaunchParam {
  patient: string;
  encounter?: string;
  /** Practitioner id of the signed-in EHR user. */
  user: string;
  need_patient_banner?: boolean;
  smart_style_url?: string;
}

export function encodeLaunch(launch: LaunchParam): string {
  return Buffer.from(JSON.stringify(launch)).toString('base64url');
}

export function decodeLaunch(value: string): LaunchParam | undefined {
  try {
    const json: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof json !== 'object' || json === null) return undefined;
    const launch = json as Record<string, unknown>;
    if (typeof launch.patient !== 'string' || typeof launch.user !== 'string') return undefined;
    if (launch.encounter !== undefined && typeof launch.encounter !== 'string') return undefined;
    return {
      patient: launch.patient,
      user: launch.user,
      encounter: launch.encounter,
      need_patient_banner: typeof launch.need_patient_banner === 'boolean' ? launch.need_patient_banner : undefined,
      smart_style_url: typeof launch.smart_style_url === 'string' ? launch.smart_style_url : undefined,
    };
  } catch {
    return undefined;
  }
}

/** The SMART context decided at sign-in, kept per grant so refreshes return it again. */
export interface SmartContext {
  fhirUser: string;
  patient?: string;
  encounter?: string;
  needPatientBanner: boolean;
  smartStyleUrl: string;
}

/** How a profile's server states the context. */
export interface ContextPolicy {
  /** fhirUser of a practitioner (relative, or an absolute URL). */
  fhirUser(practitionerId: string): string;
  /** Whether the token response may carry `patient`/`encounter` at all. */
  patientContext: boolean;
  /** smart_style_url when the launch names none. */
  smartStyleUrl: string;
}

/** The context an EHR launch gives: patient/encounter only with the `launch` scope (SMART App Launch). */
export function launchContext(launch: LaunchParam, scopes: string[], policy: ContextPolicy): SmartContext {
  const withContext = scopes.includes('launch') && policy.patientContext;
  return {
    fhirUser: policy.fhirUser(launch.user),
    patient: withContext ? launch.patient : undefined,
    encounter: withContext ? launch.encounter : undefined,
    needPatientBanner: launch.need_patient_banner ?? true,
    smartStyleUrl: launch.smart_style_url ?? policy.smartStyleUrl,
  };
}

/** The context of a standalone sign-in: the chosen patient with `launch/patient`, its latest encounter with `launch/encounter`. */
export function standaloneContext(
  user: string,
  patient: { id: string; latestEncounterId?: string } | undefined,
  scopes: string[],
  policy: ContextPolicy,
): SmartContext {
  const withPatient = policy.patientContext && scopes.includes('launch/patient') ? patient : undefined;
  return {
    fhirUser: policy.fhirUser(user),
    patient: withPatient?.id,
    encounter: scopes.includes('launch/encounter') ? withPatient?.latestEncounterId : undefined,
    needPatientBanner: true,
    smartStyleUrl: policy.smartStyleUrl,
  };
}

/**
 * Grants live in oidc-provider's in-memory adapter, whose Grant model has no room for custom fields, so the
 * context sits beside it, keyed by grant id (jti).
 */
export class ContextStore {
  readonly #byGrant = new Map<string, SmartContext>();

  set(grantId: string, context: SmartContext): void {
    this.#byGrant.set(grantId, context);
  }

  get(grantId: string | undefined): SmartContext | undefined {
    return grantId ? this.#byGrant.get(grantId) : undefined;
  }

  /** Removes and returns every grant id (for revoke-all). */
  drain(): string[] {
    const ids = [...this.#byGrant.keys()];
    this.#byGrant.clear();
    return ids;
  }
}
