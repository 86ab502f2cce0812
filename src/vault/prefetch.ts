// Answers requested ahead of the page asking for them: at sign-in, the vault sends the landing view's FHIR
// requests the moment the token arrives (no round trip to the page first), and the page's identical requests
// get that answer: while it is on its way, and for a second after it came (React's StrictMode and cancelled
// queries ask twice). A failed answer is not kept past its arrival; unclaimed answers go after a minute.
import { requestKey, type FhirRequest } from '../fhir/wire';

const KEEP_MS = 60_000;
const AFTER_ARRIVAL_MS = 1_000;

type Perform = (request: FhirRequest, signal?: AbortSignal) => Promise<unknown>;

export function withPrefetch(perform: Perform) {
  const early = new Map<string, Promise<unknown>>();
  const forget = (key: string, answer: Promise<unknown>) => {
    if (early.get(key) === answer) early.delete(key);
  };
  return {
    prefetch(requests: FhirRequest[]): void {
      for (const request of requests) {
        const key = requestKey(request);
        if (early.has(key)) continue;
        const answer = perform(request);
        early.set(key, answer);
        answer.then(
          () => setTimeout(() => forget(key, answer), AFTER_ARRIVAL_MS),
          () => forget(key, answer),
        );
        setTimeout(() => forget(key, answer), KEEP_MS);
      }
    },
    perform(request: FhirRequest, signal?: AbortSignal): Promise<unknown> {
      return early.get(requestKey(request)) ?? perform(request, signal);
    },
    clear: () => early.clear(),
  };
}
