// Answers requested ahead of the page asking for them: at sign-in, the vault sends the landing view's FHIR
// requests the moment the token arrives (no round trip to the page first), and the page's identical requests
// get that answer. Whatever it is (data or an error, so a refused section is not asked twice): the first claim
// gets it, and a successful one serves repeats for a second more (React's StrictMode and cancelled queries ask
// twice). Unclaimed answers go after a minute.
import { requestKey, type FhirRequest } from '../fhir/wire';

const KEEP_MS = 60_000;
const AFTER_CLAIM_MS = 1_000;

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
        answer.catch(() => undefined); // the claimer sees the failure
        early.set(key, answer);
        setTimeout(() => forget(key, answer), KEEP_MS);
      }
    },
    perform(request: FhirRequest, signal?: AbortSignal): Promise<unknown> {
      const key = requestKey(request);
      const answer = early.get(key);
      if (!answer) return perform(request, signal);
      answer.then(
        () => setTimeout(() => forget(key, answer), AFTER_CLAIM_MS),
        () => forget(key, answer),
      );
      return answer;
    },
    clear: () => early.clear(),
  };
}
