import { PROFILES, type Profile } from '../profiles/profiles';
import { scopePolicy } from './scopes';

/**
 * SMART discovery for a profile's authorization server, served by the FHIR server for its base URL (as
 * .well-known/smart-configuration, or only as the CapabilityStatement's oauth-uris for the s4s profile).
 */
export function smartConfiguration(issuer: string, profile: Profile = PROFILES.smart): Record<string, unknown> {
  const { routes } = profile;
  return {
    issuer,
    jwks_uri: issuer + routes.jwks,
    authorization_endpoint: issuer + routes.authorization,
    token_endpoint: issuer + routes.token,
    ...(routes.revocation ? { revocation_endpoint: issuer + routes.revocation } : {}),
    ...(routes.registration ? { registration_endpoint: issuer + routes.registration } : {}),
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: scopePolicy(profile).supported,
    capabilities: profile.capabilities,
  };
}

/** Served at <issuer>/smart-style.json (the example from the SMART App Launch IG, slightly adapted). */
export const SMART_STYLE = {
  color_background: '#edeae3',
  color_error: '#9e2d2d',
  color_highlight: '#69b5ce',
  color_modal_backdrop: '',
  color_success: '#498e49',
  color_text: '#303030',
  dim_border_radius: '6px',
  dim_font_size: '13px',
  dim_spacing_size: '20px',
  font_family_body: 'Georgia, Times, "Times New Roman", serif',
  font_family_heading: '"HelveticaNeue-Light", Helvetica, Arial, "Lucida Grande", sans-serif',
};
