// The sign-in / consent interaction. EHR launch (a `launch` parameter): auto-approved without a page, signed
// in as the launch's user, context from the launch (with signInRefusesFraming: a "Continue as …" page first).
// Standalone: a page to choose the user (and the patient when `launch/patient` is asked and the profile gives
// patient context), then Approve or Deny.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Knobs } from '../knobs';
import type { Profile } from '../profiles/profiles';
import { saveGrant, type GrantStore } from './grants';
import { escapeHtml, htmlPage, pageCsp } from './html';
import { readBody, sendHtml } from './http';
import { decodeLaunch, launchContext, standaloneContext, type ContextPolicy, type LaunchParam, type SmartContext } from './launch';
import { splitScope } from './scopes';

export interface InteractionPatient {
  id: string;
  name: string;
  mrn?: string;
  birthDate?: string;
  latestEncounterId?: string;
}

export interface InteractionDeps {
  grants: GrantStore;
  profile: Profile;
  contextPolicy: ContextPolicy;
  knobs: Knobs;
  patients: InteractionPatient[];
  practitioners: { id: string; name: string }[];
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** The sign-in pages' headers: framing refused when the knob says so. */
function pageHeaders(knobs: Knobs): { csp: string; headers: Record<string, string> } {
  return knobs.signInRefusesFraming
    ? { csp: pageCsp("; frame-ancestors 'none'"), headers: { 'X-Frame-Options': 'DENY' } }
    : { csp: pageCsp(), headers: {} };
}

export async function handleInteraction(req: IncomingMessage, res: ServerResponse, deps: InteractionDeps) {
  const { csp, headers } = pageHeaders(deps.knobs);
  let details: Details;
  try {
    details = await deps.grants.provider.interactionDetails(req, res);
  } catch {
    const body = '<main><h1>Sign-in expired</h1><p>This sign-in is no longer valid. Launch the app again.</p></main>';
    return sendHtml(res, 400, htmlPage('Sign-in expired', body), csp, headers);
  }
  const launch = details.params.launch;
  if (typeof launch === 'string') return ehrLaunch(req, res, deps, details, launch);
  if (req.method === 'POST') return standaloneSubmit(req, res, deps, details);
  return sendHtml(res, 200, signInPage(deps, details), csp, headers);
}

async function ehrLaunch(req: IncomingMessage, res: ServerResponse, deps: InteractionDeps, details: Details, value: string) {
  const launch = decodeLaunch(value);
  const known = launch && deps.patients.some((p) => p.id === launch.patient) && deps.practitioners.some((p) => p.id === launch.user);
  if (!launch || !known) {
    const result = { error: 'invalid_request', error_description: 'The launch parameter is invalid or unknown' };
    return deps.grants.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  if (deps.knobs.signInRefusesFraming) {
    // This sign-in page must be seen (outside any frame) and confirmed.
    const { csp, headers } = pageHeaders(deps.knobs);
    if (req.method !== 'POST') return sendHtml(res, 200, continuePage(deps, details, launch), csp, headers);
    const form = new URLSearchParams(await readBody(req));
    if (form.get('action') === 'deny') return deny(req, res, deps);
  }
  const context = launchContext(launch, splitScope(details.params.scope), deps.contextPolicy);
  return approve(req, res, deps, details, launch.user, context);
}

function deny(req: IncomingMessage, res: ServerResponse, deps: InteractionDeps) {
  const result = { error: 'access_denied', error_description: 'The user denied access' };
  return deps.grants.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

/** Whether the sign-in page asks for a patient: `launch/patient` asked, and the profile gives patient context. */
const asksPatient = (deps: InteractionDeps, scopes: string[]) => deps.profile.patientContext && scopes.includes('launch/patient');

async function standaloneSubmit(req: IncomingMessage, res: ServerResponse, deps: InteractionDeps, details: Details) {
  const { csp, headers } = pageHeaders(deps.knobs);
  const form = new URLSearchParams(await readBody(req));
  if (form.get('action') === 'deny') return deny(req, res, deps);
  const user = deps.practitioners.find((p) => p.id === form.get('user'));
  const scopes = splitScope(details.params.scope);
  const patient = deps.patients.find((p) => p.id === form.get('patient'));
  if (!user) return sendHtml(res, 400, signInPage(deps, details, 'Choose a user.'), csp, headers);
  if (asksPatient(deps, scopes) && !patient) {
    return sendHtml(res, 400, signInPage(deps, details, 'Choose a patient.'), csp, headers);
  }
  return approve(req, res, deps, details, user.id, standaloneContext(user.id, patient, scopes, deps.contextPolicy));
}

/** Grants the requested scopes and finishes the interaction. */
async function approve(
  req: IncomingMessage,
  res: ServerResponse,
  deps: InteractionDeps,
  details: Details,
  accountId: string,
  context: SmartContext,
) {
  const grant = await saveGrant(deps.grants, { accountId, clientId: String(details.params.client_id), scope: details.params.scope, context });
  const result = { login: { accountId }, consent: { grantId: grant.jti } };
  // interactionFinished, with the account switch between recording the result (which refuses a session
  // whose user changed) and the redirect to the resume step.
  const { provider } = deps.grants;
  const returnTo = await provider.interactionResult(req, res, result, { mergeWithLastSubmission: false });
  await switchAccount(provider, details, accountId);
  res.writeHead(303, { Location: returnTo, 'Content-Length': '0' }).end();
}

/**
 * oidc-provider 9 answers a sign-in as a different user than the browser session's with a "log out first"
 * page. The sandbox has no such step: the chosen user simply replaces the session's account (and its
 * earlier grants), so the resume step sees no conflict.
 */
async function switchAccount(provider: Provider, details: Details, accountId: string): Promise<void> {
  if (!details.session || details.session.accountId === accountId) return;
  const session = await provider.Session.find(details.session.cookie);
  if (!session || !session.accountId || session.accountId === accountId) return;
  session.loginAccount({ accountId });
  session.authorizations = {};
  await session.save(Math.max(1, session.exp - Math.floor(Date.now() / 1000)));
}

const PAGE_CSS = '.error { color: #a40000; font-weight: 600; } .scopes { columns: 2 12rem; } .profile { color: #4a5866; }';

function heading(deps: InteractionDeps): string {
  return `<h1>Sign in to the SMART sandbox</h1>
<p class="profile">Profile: <strong>${escapeHtml(deps.profile.name)}</strong> (${escapeHtml(deps.profile.title)})</p>`;
}

function scopeList(deps: InteractionDeps, details: Details): string {
  const scopes = splitScope(details.params.scope);
  return `<p><strong>${escapeHtml(details.params.client_id)}</strong> asks for access to <code>${escapeHtml(deps.grants.fhirBase)}</code>
with these scopes:</p>
<ul class="scopes">${scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>`;
}

function continuePage(deps: InteractionDeps, details: Details, launch: LaunchParam): string {
  const user = deps.practitioners.find((p) => p.id === launch.user);
  const body = `<main>
${heading(deps)}
${scopeList(deps, details)}
<form method="post" action="/interaction/${encodeURIComponent(details.uid)}">
  <p>You are signed in at the EHR as <strong>${escapeHtml(user?.name)}</strong>.</p>
  <div class="actions">
    <button type="submit" name="action" value="approve">Continue as ${escapeHtml(user?.name)}</button>
    <button type="submit" name="action" value="deny" class="secondary">Deny</button>
  </div>
</form>
</main>`;
  return htmlPage('Sign in – SMART sandbox', body, PAGE_CSS);
}

function signInPage(deps: InteractionDeps, details: Details, error?: string): string {
  const scopes = splitScope(details.params.scope);
  const users = deps.practitioners
    .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}</option>`)
    .join('');
  const patientField = asksPatient(deps, scopes)
    ? `<label for="patient">Patient</label>
  <select id="patient" name="patient" required>
    <option value="">Choose a patient…</option>
    ${deps.patients.map(patientOption).join('\n    ')}
  </select>`
    : '';
  const body = `<main>
${heading(deps)}
${scopeList(deps, details)}
${error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(details.uid)}">
  <label for="user">User</label>
  <select id="user" name="user">${users}</select>
  ${patientField}
  <div class="actions">
    <button type="submit" name="action" value="approve">Approve</button>
    <button type="submit" name="action" value="deny" class="secondary" formnovalidate>Deny</button>
  </div>
</form>
</main>`;
  return htmlPage('Sign in – SMART sandbox', body, PAGE_CSS);
}

function patientOption(p: InteractionPatient): string {
  const extra = [p.mrn && `MRN ${p.mrn}`, p.birthDate && `born ${p.birthDate}`].filter(Boolean).join(', ');
  return `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}${extra ? ` (${escapeHtml(extra)})` : ''}</option>`;
}
