// The sign-in / consent interaction. EHR launch (a `launch` parameter): auto-approved without a page, signed
// in as the launch's user, context from the launch. Standalone: a page to choose the user (and the patient
// when `launch/patient` is asked), then Approve or Deny.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { escapeHtml, htmlPage } from './html';
import { readBody, sendHtml } from './http';
import { decodeLaunch, launchContext, type ContextStore, type SmartContext } from './launch';
import { saveGrant } from './grants';
import { splitScope } from './scopes';

export interface InteractionPatient {
  id: string;
  name: string;
  mrn?: string;
  birthDate?: string;
  latestEncounterId?: string;
}

export interface InteractionDeps {
  provider: Provider;
  fhirBase: string;
  smartStyleUrl: string;
  contexts: ContextStore;
  patients: InteractionPatient[];
  practitioners: { id: string; name: string }[];
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export async function handleInteraction(req: IncomingMessage, res: ServerResponse, deps: InteractionDeps) {
  let details: Details;
  try {
    details = await deps.provider.interactionDetails(req, res);
  } catch {
    const body = '<main><h1>Sign-in expired</h1><p>This sign-in is no longer valid. Launch the app again.</p></main>';
    return sendHtml(res, 400, htmlPage('Sign-in expired', body));
  }
  const launch = details.params.launch;
  if (typeof launch === 'string') return ehrLaunch(req, res, deps, details, launch);
  if (req.method === 'POST') return standaloneSubmit(req, res, deps, details);
  return sendHtml(res, 200, signInPage(deps, details));
}

async function ehrLaunch(req: IncomingMessage, res: ServerResponse, deps: InteractionDeps, details: Details, value: string) {
  const launch = decodeLaunch(value);
  const known = launch && deps.patients.some((p) => p.id === launch.patient) && deps.practitioners.some((p) => p.id === launch.user);
  if (!launch || !known) {
    const result = { error: 'invalid_request', error_description: 'The launch parameter is invalid or unknown' };
    return deps.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  const context = launchContext(launch, splitScope(details.params.scope), deps.smartStyleUrl);
  return approve(req, res, deps, details, launch.user, context);
}

async function standaloneSubmit(req: IncomingMessage, res: ServerResponse, deps: InteractionDeps, details: Details) {
  const form = new URLSearchParams(await readBody(req));
  if (form.get('action') === 'deny') {
    const result = { error: 'access_denied', error_description: 'The user denied access' };
    return deps.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  const user = deps.practitioners.find((p) => p.id === form.get('user'));
  const scopes = splitScope(details.params.scope);
  const patient = deps.patients.find((p) => p.id === form.get('patient'));
  if (!user) return sendHtml(res, 400, signInPage(deps, details, 'Choose a user.'));
  if (scopes.includes('launch/patient') && !patient) {
    return sendHtml(res, 400, signInPage(deps, details, 'Choose a patient.'));
  }
  const withPatient = scopes.includes('launch/patient') ? patient : undefined;
  return approve(req, res, deps, details, user.id, {
    fhirUser: `Practitioner/${user.id}`,
    patient: withPatient?.id,
    encounter: scopes.includes('launch/encounter') ? withPatient?.latestEncounterId : undefined,
    needPatientBanner: true,
    smartStyleUrl: deps.smartStyleUrl,
  });
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
  const grant = await saveGrant(deps.provider, deps.fhirBase, deps.contexts, {
    accountId, clientId: String(details.params.client_id), scope: details.params.scope, context,
  });
  const result = { login: { accountId }, consent: { grantId: grant.jti } };
  // interactionFinished, with the account switch between recording the result (which refuses a session
  // whose user changed) and the redirect to the resume step.
  const returnTo = await deps.provider.interactionResult(req, res, result, { mergeWithLastSubmission: false });
  await switchAccount(deps.provider, details, accountId);
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

function signInPage(deps: InteractionDeps, details: Details, error?: string): string {
  const scopes = splitScope(details.params.scope);
  const users = deps.practitioners
    .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}</option>`)
    .join('');
  const patientField = scopes.includes('launch/patient')
    ? `<label for="patient">Patient</label>
  <select id="patient" name="patient" required>
    <option value="">Choose a patient…</option>
    ${deps.patients.map(patientOption).join('\n    ')}
  </select>`
    : '';
  const body = `<main>
<h1>Sign in to the SMART sandbox</h1>
<p><strong>${escapeHtml(details.params.client_id)}</strong> asks for access to <code>${escapeHtml(deps.fhirBase)}</code>
with these scopes:</p>
<ul class="scopes">${scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>
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
  return htmlPage('Sign in – SMART sandbox', body, '.error { color: #a40000; font-weight: 600; } .scopes { columns: 2 12rem; }');
}

function patientOption(p: InteractionPatient): string {
  const extra = [p.mrn && `MRN ${p.mrn}`, p.birthDate && `born ${p.birthDate}`].filter(Boolean).join(', ');
  return `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}${extra ? ` (${escapeHtml(extra)})` : ''}</option>`;
}
