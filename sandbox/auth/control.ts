// Test control API (/__sandbox/*) and the token-refusal knob. Node callers only: browsers always send an
// Origin header on cross-origin POSTs, so requests carrying one are refused.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KnobError, type SandboxState } from '../knobs';
import { readBody, sendJson } from './http';

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  state: SandboxState,
  revokeAll: () => Promise<void>,
): Promise<void> {
  const { knobs, stats } = state;
  if (req.headers.origin) return sendJson(res, 403, { error: 'the control API is for tests, not browsers' });
  const route = `${req.method} ${pathname}`;
  switch (route) {
    case 'POST /__sandbox/knobs': {
      let patch: unknown;
      try {
        patch = JSON.parse((await readBody(req)) || '{}');
      } catch {
        return sendJson(res, 400, { error: 'body must be JSON' });
      }
      try {
        return sendJson(res, 200, state.set(patch));
      } catch (error) {
        if (error instanceof KnobError) return sendJson(res, 400, { error: error.message });
        throw error;
      }
    }
    case 'GET /__sandbox/knobs':
      return sendJson(res, 200, knobs);
    case 'GET /__sandbox/stats':
      return sendJson(res, 200, stats);
    case 'POST /__sandbox/reset':
      state.reset();
      return sendJson(res, 200, { knobs, stats });
    case 'POST /__sandbox/revoke-all':
      await revokeAll();
      return sendJson(res, 200, knobs);
    default:
      return sendJson(res, 404, { error: `unknown control route ${route}` });
  }
}

/** Answers a token request the way `knobs.refuseWith` says, counting it as failed. */
export async function refuseTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  state: SandboxState,
  corsHeaders: Record<string, string>,
): Promise<void> {
  const { knobs, stats } = state;
  const grantType = new URLSearchParams(await readBody(req)).get('grant_type');
  if (grantType === 'authorization_code' || grantType === 'refresh_token') stats.tokenRequests[grantType] += 1;
  stats.tokenRequests.failed += 1;
  knobs.refuseNextTokenRequests -= 1;
  const status = knobs.refuseWith === 'server_error' ? 500 : 400;
  const body = { error: knobs.refuseWith, error_description: 'Refused by the sandbox knob refuseNextTokenRequests' };
  sendJson(res, status, body, corsHeaders);
}
