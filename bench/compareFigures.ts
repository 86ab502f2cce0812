// The figures of one launch in the side-by-side (compare.ts), from its requests and its two moments: what
// went over the network, what sat in series before the name, the JS that came, and three gaps where the page's
// own work sits between two requests.
import type { NetRequest } from './network';
import type { Ratio } from './ratios';
import { criticalChain, hops, isFavicon, kindOf, lastFhirBefore, readyAt, step, type ChainStep } from './requests';
import type { Sample } from './stats';
import type { WithoutDevtoolsFigures } from './withoutDevtools';

export type AppId = 'app' | 'reference';
export type Phase = 'cold' | 'warm';

export interface FileSize {
  bytes: number;
  gzipBytes: number;
}

export interface LaunchMeasure {
  nameVisibleMs: number;
  firstObservationMs: number;
  /** Requests that went to the network (documents and redirect hops, files, API calls, preflights, the favicon). */
  requests: number;
  /** Requests answered by the browser cache. */
  fromCache: number;
  /** CORS preflights (OPTIONS). */
  preflights: number;
  /** FHIR reads and searches (discovery not counted) until the first screen was complete and the network quiet. */
  fhirRequests: number;
  /** Network round trips in series to the name / to the first observation (a preflight is one). */
  hopsToName: number;
  hopsToObservation: number;
  /** JS that came over the network (not from the cache), as served (the sandbox does not compress). */
  jsBytes: number;
  /** The same files gzipped (-9): what a server with gzip, such as the nginx example, sends. */
  jsGzipBytes: number;
  /** From the last of the launch page's own files (scripts, config) arriving to the discovery request. */
  launchPageToDiscoveryMs: number | null;
  /** From the return document's headers (the redirect back with the code) to the code exchange. */
  returnToTokenMs: number | null;
  /** From the token response to the first FHIR request. */
  tokenToFirstFhirMs: number | null;
  criticalPathToName: ChainStep[];
  criticalPathToObservation: ChainStep[];
  /** Every request of the launch, in order. */
  timeline: ChainStep[];
}

/** The figures compared, in table order. */
export const FIGURES = [
  { key: 'nameVisibleMs', label: 'patient name visible', unit: 'ms' },
  { key: 'firstObservationMs', label: 'first observation visible', unit: 'ms' },
  { key: 'requests', label: 'requests per launch (network)', unit: '' },
  { key: 'fromCache', label: '  + answered by the cache', unit: '' },
  { key: 'hopsToName', label: 'sequential hops to the name', unit: '' },
  { key: 'preflights', label: 'CORS preflights', unit: '' },
  { key: 'fhirRequests', label: 'FHIR requests for the first screen', unit: '' },
  { key: 'jsGzipBytes', label: 'JS on the wire (gzip -9)', unit: 'B' },
  { key: 'jsBytes', label: 'JS on the wire (as served, uncompressed)', unit: 'B' },
] as const satisfies readonly { key: keyof LaunchMeasure; label: string; unit: string }[];
export type FigureKey = (typeof FIGURES)[number]['key'];

/** Gaps where a page's own work sits between two requests (informational, not paired). */
export const GAPS = ['launchPageToDiscoveryMs', 'returnToTokenMs', 'tokenToFirstFhirMs'] as const;

export interface PhaseFigures {
  app: Record<FigureKey | (typeof GAPS)[number], Sample>;
  reference: Record<FigureKey | (typeof GAPS)[number], Sample>;
  /** this app / reference, per pair. */
  ratio: Record<FigureKey, Ratio>;
  /** The run whose name-visible time is each app's median: its critical paths, and for a cold launch every request. */
  medianRun: Record<AppId, Pick<LaunchMeasure, 'nameVisibleMs' | 'firstObservationMs' | 'criticalPathToName' | 'criticalPathToObservation'> & Partial<Pick<LaunchMeasure, 'timeline'>> & { run: number }>;
}

export interface Condition {
  latencyMs: number;
  ehrPreapproved: boolean;
  /** The budgets apply to the cold launches of this condition. */
  budgeted: boolean;
  /** Which app went first in each pair. */
  order: AppId[];
  cold: PhaseFigures;
  warm: PhaseFigures;
}

export interface CompareFigures {
  method: string;
  patientId: string;
  runs: number;
  launchUrls: Record<AppId, string>;
  conditions: Condition[];
  /** The budgeted conditions' visible times again, with no DevTools client attached during the launch. */
  withoutDevtools?: WithoutDevtoolsFigures;
}

const isJs = (r: NetRequest) => r.type === 'Script' || /\.m?js$/i.test(new URL(r.url).pathname);
const round = (value: number | undefined) => (value === undefined ? null : Math.round(value));

/**
 * `appOrigin`: the origin of the app being launched (its documents); `sizeOf`: the served file's size for a
 * URL of that origin (undefined when unknown: the bytes the browser counted are used instead).
 */
export function launchMeasure(
  all: NetRequest[],
  t0: number,
  moments: { name: number; observation: number },
  patientId: string,
  appOrigin: string,
  sizeOf: (url: string) => FileSize | undefined,
): LaunchMeasure {
  const requests = all.filter((r) => r.start >= t0 - 1).sort((a, b) => a.start - b.start);
  const network = requests.filter((r) => !r.fromCache);
  const toName = criticalChain(requests, lastFhirBefore(requests, new RegExp(`/Patient/${patientId}(\\?|$)`), moments.name));
  const toObservation = criticalChain(requests, lastFhirBefore(requests, /\/Observation(\?|$)/, moments.observation));

  let jsBytes = 0;
  let jsGzipBytes = 0;
  for (const r of network.filter((n) => isJs(n) && n.status === 200)) {
    const size = r.url.startsWith(`${appOrigin}/`) ? sizeOf(r.url) : undefined;
    jsBytes += size?.bytes ?? r.transferBytes ?? 0;
    jsGzipBytes += size?.gzipBytes ?? r.transferBytes ?? 0;
  }

  const discovery = requests.find((r) => kindOf(r) === 'discovery');
  const ownFiles = requests.filter(
    (r) => discovery && ['static', 'config'].includes(kindOf(r)) && !isFavicon(r) && r.url.startsWith(`${appOrigin}/`) && (readyAt(r) ?? Infinity) <= discovery.start + 1,
  );
  const lastOwn = ownFiles.reduce<number | undefined>((latest, r) => Math.max(latest ?? -Infinity, readyAt(r)!), undefined);
  const authorize = requests.find((r) => kindOf(r) === 'authorize');
  const returned = requests.find((r) => authorize && kindOf(r) === 'document' && r.url.startsWith(`${appOrigin}/`) && r.start >= authorize.start);
  const token = requests.find((r) => kindOf(r) === 'token' && r.method === 'POST');
  const firstFhir = requests.find((r) => kindOf(r) === 'fhir' && token?.end !== undefined && r.start >= token.end - 1);

  return {
    nameVisibleMs: Math.round(moments.name - t0),
    firstObservationMs: Math.round(moments.observation - t0),
    requests: network.length,
    fromCache: requests.length - network.length,
    preflights: requests.filter((r) => kindOf(r) === 'preflight').length,
    fhirRequests: requests.filter((r) => kindOf(r) === 'fhir').length,
    hopsToName: hops(toName),
    hopsToObservation: hops(toObservation),
    jsBytes,
    jsGzipBytes,
    launchPageToDiscoveryMs: discovery && lastOwn !== undefined ? round(discovery.start - lastOwn) : null,
    returnToTokenMs: returned && token ? round(token.start - (readyAt(returned) ?? returned.start)) : null,
    tokenToFirstFhirMs: token?.end !== undefined && firstFhir ? round(firstFhir.start - token.end) : null,
    criticalPathToName: toName.map((r) => step(r, t0)),
    criticalPathToObservation: toObservation.map((r) => step(r, t0)),
    timeline: requests.map((r) => step(r, t0)),
  };
}
