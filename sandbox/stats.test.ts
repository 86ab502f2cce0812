// GET /__sandbox/stats: authorize requests by prompt, and the FHIR requests the app sent (path and query).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FHIR_URL_CAP } from './knobs';
import { startTestProfile, type TestProfile } from './testProfile';

let sandbox: TestProfile;
beforeAll(async () => {
  sandbox = await startTestProfile();
});
afterAll(() => sandbox.close());
afterEach(async () => {
  await sandbox.control('reset', {});
});

describe('stats', () => {
  it('counts authorize requests by the prompt the client sent, not their resume steps', async () => {
    await sandbox.signIn(); // interactive: no prompt (the sandbox's own prompt=consent is not counted as sent)
    await sandbox.ehrLaunch({ patient: 'p-001', user: 'pr-1' });
    const browser = sandbox.browser();
    await browser.navigate(sandbox.authorizeUrl(sandbox.authorizeParams({ prompt: 'none' }).params));
    await browser.navigate(sandbox.authorizeUrl(sandbox.authorizeParams({ prompt: 'login' }).params));
    const { body } = await sandbox.control('stats');
    expect(body.authorizeRequests).toEqual({ total: 4, byPrompt: { absent: 2, none: 1, login: 1 } });
  });

  it('lists FHIR request URLs (path and query) in order, without preflights', async () => {
    const tokens = await sandbox.signIn();
    const searches = ['Patient/p-001', 'Observation?patient=p-001&category=vital-signs&_sort=-date&_count=50', 'Encounter?patient=p-001&_count=10'];
    for (const path of searches) await sandbox.fhir(path, tokens.access_token);
    await fetch(`${sandbox.fhirBase}/Patient/p-001`, { method: 'OPTIONS', headers: { origin: sandbox.appOrigin, 'access-control-request-method': 'GET' } });
    const { body } = await sandbox.control('stats');
    expect(body.fhirUrls).toEqual(searches.map((path) => `/fhir/${path}`));
    expect(body.fhirUrlsDropped).toBe(0);
    expect(body.fhirRequests).toBe(3);
  });

  it('keeps the first URLs up to the cap and counts the rest', async () => {
    const requests = Array.from({ length: FHIR_URL_CAP + 5 }, (_, i) => sandbox.fhir(`metadata?n=${i}`));
    await Promise.all(requests.map(async (r) => (await r).arrayBuffer()));
    const { body } = await sandbox.control('stats');
    expect((body.fhirUrls as string[]).length).toBe(FHIR_URL_CAP);
    expect(body.fhirUrlsDropped).toBe(5);
  });
});
