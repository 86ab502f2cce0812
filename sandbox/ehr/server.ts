// The EHR simulator (EHR_ORIGIN): a patient list with EHR launches (embedded iframe or new window) and a
// standalone-launch link. Plain links and forms only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pageCsp } from '../auth/html';
import { listen, sendHtml } from '../auth/http';
import { PROFILES } from '../profiles/profiles';
import { chartPage, patientListPage, type EhrContext, type EhrPatient, type EhrPractitioner } from './pages';

export interface EhrPagesOptions {
  appOrigin: string;
  fhirBase: string;
  patients: EhrPatient[];
  practitioners: EhrPractitioner[];
  /** Default: the smart profile. */
  profile?: EhrContext['profile'];
}

export interface EhrSimulatorOptions extends EhrPagesOptions {
  host: string;
  port: number;
}

const DEFAULT_WIDTH = 380;

/** The simulator's pages (/ and /ehr/<patient>), for its own server or mounted on another (canvas: the auth host). */
export function ehrPages(options: EhrPagesOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const ctx: EhrContext = { ...options, profile: options.profile ?? PROFILES.smart };
  if (!options.practitioners.length) throw new Error('the EHR simulator needs at least one practitioner');
  // The frame navigates from the app to its authorization server (and back): allow any http(s) origin.
  const csp = pageCsp("; frame-src http: https:; form-action 'self'");

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const requestUrl = new URL(req.url ?? '/', 'http://ehr');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendHtml(res, 405, 'Method not allowed');
    const user = options.practitioners.find((p) => p.id === requestUrl.searchParams.get('user')) ?? options.practitioners[0];
    if (requestUrl.pathname === '/') return sendHtml(res, 200, patientListPage(ctx, user), csp);
    const match = /^\/ehr\/([^/]+)$/.exec(requestUrl.pathname);
    const patient = match && ctx.profile.ehrLaunch !== 'none' && options.patients.find((p) => encodeURIComponent(p.id) === match[1]);
    if (patient) {
      const requested = Number(requestUrl.searchParams.get('width'));
      const width = Number.isFinite(requested) && requested > 0 ? Math.min(Math.max(requested, 240), 2000) : DEFAULT_WIDTH;
      return sendHtml(res, 200, chartPage(ctx, patient, user, Math.round(width)), csp);
    }
    sendHtml(res, 404, 'Not found');
  }

  return (req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      console.error('[ehr]', error);
      if (!res.headersSent) sendHtml(res, 500, 'Internal error');
    }
  };
}

export async function startEhrSimulator(options: EhrSimulatorOptions): Promise<{ url: string; close(): Promise<void> }> {
  const url = `http://${options.host}:${options.port}`;
  const server = createServer(ehrPages(options));
  const listening = await listen(server, options.host, options.port);
  return { url, close: listening.close };
}
