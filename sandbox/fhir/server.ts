import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getSearchParameter, getStatus, isResourceType } from '@medplum/core';
import { FhirRouter } from '@medplum/fhir-router';
import type { Bundle, Reference, Resource } from '@medplum/fhirtypes';
import { REFERENCE_DATE, type Dataset } from '../data';
import { defaultState, delay, type FhirFaultStatus, type Knobs, type SandboxState } from '../knobs';
import { coverage, forbidden, tokenVerifier, type TokenVerifierOptions } from './access';
import { capabilityStatement } from './capability';
import { loadDefinitions } from './definitions';
import { applyCors, HttpError, readForm, sendError, sendJson, sendMalformed, toQuery } from './http';
import { outcomeEntry, PagingSessions, requireObservationFilter } from './quirks';
import { SandboxRepository } from './repository';
import type { Profile } from '../profiles/profiles';

export interface FhirServerOptions {
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:4500/fhir; also the audience access tokens must carry. */
  baseUrl: string;
  dataset: Dataset;
  issuer: string;
  jwksUri: string;
  allowedOrigins: string[];
  smartConfiguration: () => Record<string, unknown>;
  /** Knobs and counters (default: the module's default state). */
  state?: SandboxState;
  /** Whether the authorization server revoked this JWT access token (by jti). */
  isRevoked?: (jti: string | undefined) => boolean;
  /** Opaque access tokens, looked up at the authorization server (the epic profile). */
  lookupToken?: TokenVerifierOptions['lookup'];
  /** Serve .well-known/smart-configuration (default true; false: 404, discovery in the CapabilityStatement only). */
  wellKnown?: boolean;
  /** The epic profile's search behaviours (default: none). */
  quirks?: Profile['fhir'];
}

/** `Patient/1`, `1` and `http://host/fhir/Patient/1` all name patient 1. */
const patientId = (value: string) => value.replace(/^https?:\/\/.*\/(?=Patient\/)/, '').replace(/^Patient\//, '');

function inCompartment(resource: Resource, patient: string): boolean {
  if (resource.resourceType === 'Patient') return resource.id === patient;
  if (!getSearchParameter(resource.resourceType, 'patient')) return true; // Practitioner, Location: not patient data
  const r = resource as { subject?: Reference; patient?: Reference };
  return (r.subject ?? r.patient)?.reference === `Patient/${patient}`;
}

/** A patient-level token only sees its patient: 403 for another patient, the filter added when none is given. */
function restrictToPatient(type: string, params: URLSearchParams, patient: string): void {
  if (type === 'Patient') {
    const ids = params.getAll('_id').flatMap((v) => v.split(','));
    if (ids.some((id) => id !== patient)) throw forbidden(`Token is limited to Patient/${patient}`);
    if (!ids.length) params.set('_id', patient);
    return;
  }
  if (!getSearchParameter(type, 'patient')) return;
  let given = false;
  for (const [key, value] of params) {
    const [name] = key.split(':');
    if (/^(patient|subject)\./.test(name)) throw forbidden('Chained patient searches are not allowed with a patient-level token');
    if (name !== 'patient' && name !== 'subject') continue;
    given = true;
    if (value.split(',').some((v) => patientId(v) !== patient)) throw forbidden(`Token is limited to Patient/${patient}`);
  }
  if (!given) params.set('patient', patient);
}

function checkPaging(params: URLSearchParams): void {
  for (const key of ['_count', '_offset']) {
    const value = params.get(key);
    if (value !== null && !/^\d{1,7}$/.test(value)) throw new HttpError(400, 'invalid', `${key} must be a non-negative integer`);
  }
}

/** What a busy or broken server says for each fault status (OperationOutcome code and text). */
const FAULTS: Record<FhirFaultStatus, ['throttled' | 'exception' | 'transient' | 'timeout', string]> = {
  429: ['throttled', 'Too many requests. Try again later.'],
  500: ['exception', 'Internal server error.'],
  502: ['transient', 'Bad gateway.'],
  503: ['transient', 'Service temporarily unavailable.'],
  504: ['timeout', 'Gateway timeout.'],
};

/** The discovery document without the fields the discoveryOmit knob names. */
function withoutOmitted(config: Record<string, unknown>, knobs: Knobs): Record<string, unknown> {
  if (!knobs.discoveryOmit.length) return config;
  return Object.fromEntries(Object.entries(config).filter(([key]) => !knobs.discoveryOmit.includes(key)));
}

export async function startFhirServer(opts: FhirServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  loadDefinitions();
  const state = opts.state ?? defaultState;
  const { knobs, stats } = state;
  const baseUrl = opts.baseUrl.replace(/\/$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const repo = new SandboxRepository(opts.dataset.resources, baseUrl, new Date(REFERENCE_DATE).toISOString());
  repo.warmSortKeys();
  const router = new FhirRouter();
  const verifier = tokenVerifier({
    issuer: opts.issuer, jwksUri: opts.jwksUri, audience: baseUrl, knobs, isRevoked: opts.isRevoked, lookup: opts.lookupToken,
  });
  const quirks = opts.quirks ?? { observationNeedsCategoryOrCode: false, outcomeEntry: false, opaquePaging: false };
  const paging = quirks.opaquePaging ? new PagingSessions(baseUrl) : undefined;

  async function resourceRequest(req: IncomingMessage, res: ServerResponse, segments: string[], search: string) {
    const [type, id, ...rest] = segments;
    if (!isResourceType(type) || rest.length) throw new HttpError(404, 'not-found', `Unknown route ${segments.join('/')}`);
    const isSearch = (req.method === 'GET' && id === undefined) || (req.method === 'POST' && id === '_search');
    const isRead = req.method === 'GET' && id !== undefined && id !== '_search';
    if (!isSearch && !isRead) throw new HttpError(405, 'not-supported', 'The sandbox supports read and search only', { Allow: 'GET, POST' });
    stats.fhirByType[type] = (stats.fhirByType[type] ?? 0) + 1;

    // Test faults, as a gateway or an overloaded server would answer: before the token is looked at.
    const fault = state.takeFault('fhirFaults', type);
    if (fault) {
      stats.faultsServed.status += 1;
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
      const [code, text] = FAULTS[fault.status];
      throw new HttpError(fault.status, code, `${text} (sandbox knob fhirFaults)`, headers);
    }
    const malformed = state.takeFault('fhirMalformed', type);
    if (malformed) {
      stats.faultsServed.malformed += 1;
      return sendMalformed(res, malformed.kind);
    }

    const ctx = await verifier.verify(req.headers.authorization);
    if (knobs.denyResourceTypes.includes(type)) {
      stats.faultsServed.denied += 1;
      throw forbidden(`Access to ${type} is denied by the sandbox knob denyResourceTypes`);
    }
    const scope = coverage(ctx, type, isRead ? 'read' : 'search');

    if (isRead) {
      if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw new HttpError(400, 'invalid', 'Invalid resource id');
      if (scope !== 'all' && type === 'Patient' && id !== scope.patient) throw forbidden(`Token is limited to Patient/${scope.patient}`);
      const [result, resource] = await router.handleRequest({ method: 'GET', url: `${type}/${id}`, pathname: '', body: undefined, params: {}, query: {} }, repo);
      if (!resource) return sendJson(res, getStatus(result), result);
      if (scope !== 'all' && !inCompartment(resource, scope.patient)) throw forbidden(`Token is limited to Patient/${scope.patient}`);
      return sendJson(res, 200, resource);
    }

    let params = new URLSearchParams(search);
    if (req.method === 'POST') for (const [key, value] of await readForm(req)) params.append(key, value);
    if (paging) params = paging.resolve(type, params);
    checkPaging(params);
    if (quirks.observationNeedsCategoryOrCode) requireObservationFilter(type, params);
    if (scope !== 'all') restrictToPatient(type, params, scope.patient);
    const [result, bundle] = await router.handleRequest({ method: 'GET', url: type, pathname: '', body: undefined, params: {}, query: toQuery(params) }, repo);
    if (!bundle) return sendJson(res, getStatus(result), result);
    const searchset = bundle as Bundle;
    if (paging) paging.rewrite(searchset);
    if (quirks.outcomeEntry) searchset.entry = [...(searchset.entry ?? []), outcomeEntry()];
    sendJson(res, 200, searchset);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (state.inOutage('fhir')) {
      // A network outage: the connection ends without an answer (preflights too).
      stats.outageDropped.fhir += 1;
      return void req.socket.destroy();
    }
    applyCors(req, res, opts.allowedOrigins);
    if (knobs.latencyMs > 0) await delay(knobs.latencyMs);
    // Preflights are the browser's, not the app's: they are answered but not counted.
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    stats.fhirRequests++;
    state.recordFhirUrl(req.url ?? '/');
    res.once('finish', () => {
      stats.fhirStatus[res.statusCode] = (stats.fhirStatus[res.statusCode] ?? 0) + 1;
    });

    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const search = q < 0 ? '' : raw.slice(q + 1);
    if (path !== basePath && !path.startsWith(`${basePath}/`)) throw new HttpError(404, 'not-found', `Unknown path ${path}`);
    let segments: string[];
    try {
      segments = path.slice(basePath.length).split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      throw new HttpError(400, 'invalid', 'Malformed path');
    }

    const route = segments.join('/');
    if (route === '.well-known/smart-configuration' && opts.wellKnown === false) {
      throw new HttpError(404, 'not-found', 'This server publishes its OAuth endpoints in the CapabilityStatement (metadata) only');
    }
    if (route === '.well-known/smart-configuration' || route === 'metadata') {
      if (req.method !== 'GET') throw new HttpError(405, 'not-supported', 'Use GET', { Allow: 'GET' });
      const discovery = withoutOmitted(opts.smartConfiguration(), knobs);
      return route === 'metadata'
        ? sendJson(res, 200, capabilityStatement(baseUrl, discovery))
        : sendJson(res, 200, discovery, { 'Content-Type': 'application/json' });
    }
    if (!segments.length) throw new HttpError(404, 'not-found', 'No resource type given');
    await resourceRequest(req, res, segments, search);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return sendError(res, err);
      console.error('[sandbox fhir]', err);
      sendError(res, new HttpError(500, 'exception', 'Internal error'));
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host}:${port}${basePath}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
