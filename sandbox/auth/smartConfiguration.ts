import { ROUTES } from './provider';
import { SCOPES_SUPPORTED } from './scopes';

/** SMART discovery (.well-known/smart-configuration), served by the FHIR server for its base URL. */
export function smartConfiguration(issuer: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: issuer + ROUTES.jwks,
    authorization_endpoint: issuer + ROUTES.authorization,
    token_endpoint: issuer + ROUTES.token,
    revocation_endpoint: issuer + ROUTES.revocation,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: SCOPES_SUPPORTED,
    capabilities: [
      'launch-ehr',
      'launch-standalone',
      'client-public',
      'context-ehr-patient',
      'context-ehr-encounter',
      'context-standalone-patient',
      'context-standalone-encounter',
      'context-banner',
      'context-style',
      'permission-v1',
      'permission-v2',
      'permission-patient',
      'permission-user',
      'permission-offline',
      'permission-online',
      'sso-openid-connect',
    ],
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
