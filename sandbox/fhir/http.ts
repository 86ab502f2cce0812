import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: OperationOutcomeIssue['code'],
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const outcome = (code: OperationOutcomeIssue['code'], diagnostics: string): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, diagnostics }],
});

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/fhir+json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, outcome(err.code, err.message), err.headers);
}

/** A 200 whose body is not FHIR JSON: cut-off JSON, or the HTML error page a misconfigured proxy sends. */
export function sendMalformed(res: ServerResponse, kind: 'json' | 'html'): void {
  const [type, text] =
    kind === 'json'
      ? ['application/fhir+json; charset=utf-8', '{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Obs']
      : ['text/html; charset=utf-8', '<!doctype html><html><head><title>Gateway</title></head><body><h1>Service temporarily unavailable</h1></body></html>'];
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sets CORS response headers for an allowed Origin; returns whether the origin is allowed. */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): boolean {
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !allowedOrigins.includes(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate, Location, Retry-After');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept');
    res.setHeader('Access-Control-Max-Age', '600');
  }
  return true;
}

/** Reads an application/x-www-form-urlencoded body (POST [type]/_search). */
export async function readForm(req: IncomingMessage, limit = 64 * 1024): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new HttpError(415, 'not-supported', 'POST _search needs an application/x-www-form-urlencoded body');
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'too-costly', 'Request body too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** URLSearchParams to the query record medplum's parseSearchRequest takes (repeated keys become arrays). */
export function toQuery(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}
