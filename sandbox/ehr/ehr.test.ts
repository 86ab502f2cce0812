import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLaunch } from '../auth/launch';
import { freePort } from '../auth/testBrowser';
import { startEhrSimulator } from './server';

const appOrigin = 'http://127.0.0.1:4173';
const fhirBase = 'http://127.0.0.1:4500/fhir';
const patients = [
  { id: 'p1', name: 'Eve <img src=x onerror=alert(1)>', mrn: 'M<1>', birthDate: '1990-01-01', gender: 'female',
    deceased: false, tags: ['<b>tag</b>'], latestEncounterId: 'enc-9' },
  { id: 'p2', name: 'Zed', mrn: 'M2', birthDate: '1950-05-05', gender: 'male', deceased: true, tags: [] },
];
const practitioners = [{ id: 'dr1', name: 'Dr. One' }, { id: 'dr2', name: 'Dr. <i>Two</i>' }];

let ehr: { url: string; close(): Promise<void> };
beforeAll(async () => {
  ehr = await startEhrSimulator({ host: '127.0.0.1', port: await freePort(), appOrigin, fhirBase, patients, practitioners });
});
afterAll(() => ehr.close());

const get = async (path: string) => {
  const response = await fetch(ehr.url + path);
  return { response, html: await response.text() };
};
const hrefs = (html: string) => [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));

describe('EHR simulator', () => {
  it('lists patients as escaped text with launch links', async () => {
    const { response, html } = await get('/');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('Eve &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;tag&lt;/b&gt;');
    expect(html).toContain('Dr. &lt;i&gt;Two&lt;/i&gt;');
    expect(html).not.toMatch(/<img|<script|<b>|<i>/);
    const links = hrefs(html);
    expect(links).toContain('/ehr/p1?user=dr1');
    expect(links).toContain(`${appOrigin}/launch?iss=${encodeURIComponent(fhirBase)}`);
    const newWindow = links.map((l) => new URL(l, ehr.url)).find((u) => u.searchParams.get('launch'));
    expect(newWindow?.origin).toBe(appOrigin);
    expect(newWindow?.searchParams.get('iss')).toBe(fhirBase);
    expect(decodeLaunch(newWindow!.searchParams.get('launch')!)).toEqual({
      patient: 'p1', encounter: 'enc-9', user: 'dr1', need_patient_banner: true, smart_style_url: undefined,
    });
    expect(html).toMatch(/target="_blank" rel="noopener"/);
  });

  it('embeds the app in a sandboxed side-panel iframe without top navigation', async () => {
    const { html } = await get('/ehr/p1?user=dr2&width=500');
    const iframe = /<iframe[^>]*>/s.exec(html)![0];
    expect(iframe).toContain('sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals"');
    expect(iframe).not.toContain('top-navigation');
    expect(html).toContain('--app-width: 500px');
    const src = new URL(/src="([^"]+)"/.exec(iframe)![1].replaceAll('&amp;', '&'));
    expect(src.origin + src.pathname).toBe(`${appOrigin}/launch`);
    expect(decodeLaunch(src.searchParams.get('launch')!)).toMatchObject({
      patient: 'p1', encounter: 'enc-9', user: 'dr2', need_patient_banner: false,
    });
    expect((await get('/ehr/p2')).html).toContain('--app-width: 380px');
  });

  it('answers 404 for unknown patients', async () => {
    expect((await get('/ehr/nobody')).response.status).toBe(404);
    expect((await get('/ehr/%E0')).response.status).toBe(404);
  });
});
