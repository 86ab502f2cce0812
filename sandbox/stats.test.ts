// GET /__sandbox/stats: authorize requests by prompt, and the FHIR requests the app sent (path and query).
import { describe, expect, it } from 'vitest';
import { FHIR_URL_CAP } from './knobs';
import { useTestProfile } from './testProfile';

const profile = useTestProfile();

describe('stats', () => {
  it('counts authorize requests by the prompt the client sent, not their resume steps', async () => {
    await profile().signIn(); // interactive: no prompt (the sandbox's own prompt=consent is not counted as sent)
    await profile().ehrLaunch({ patient: 'p-001', user: 'pr-1' });
    const browser = profile().browser();
    await browser.navigate(profile().authorizeUrl(profile().authorizeParams({ prompt: 'none' }).params));
    await browser.navigate(profile().authorizeUrl(profile().authorizeParams({ prompt: 'login' }).params));
    const { body } = await profile().control('stats');
    expect(body.authorizeRequests).toEqual({ total: 4, byPrompt: { absent: 2, none: 1, login: 1 } });
  });

  it('lists FHIR request URLs (path and query) in order, without preflights', async () => {
    const tokens = await profile().signIn();
    const searches = ['Patient/p-001', 'Observation?patient=p-001&category=vital-signs&_sort=-date&_count=50', 'Encounter?patient=p-001&_count=10'];
    for (const path of searches) await profile().fhir(path, tokens.access_token);
    await fetch(`${profile().fhirBase}/Patient/p-001`, { method: 'OPTIONS', headers: { origin: profile().appOrigin, 'access-control-request-method': 'GET' } });
    const { body } = await profile().control('stats');
    expect(body.fhirUrls).toEqual(searches.map((path) => `/fhir/${path}`));
    expect(body.fhirUrlsDropped).toBe(0);
    expect(body.fhirRequests).toBe(3);
  });

  it('keeps the first URLs up to the cap and counts the rest', async () => {
    const requests = Array.from({ length: FHIR_URL_CAP + 5 }, (_, i) => profile().fhir(`metadata?n=${i}`));
    await Promise.all(requests.map(async (r) => (await r).arrayBuffer()));
    const { body } = await profile().control('stats');
    expect((body.fhirUrls as string[]).length).toBe(FHIR_URL_CAP);
    expect(body.fhirUrlsDropped).toBe(5);
  });
});
