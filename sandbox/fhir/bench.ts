// Start-up and query timings of the sandbox FHIR server: npx tsx sandbox/fhir/bench.ts
import { generateDataset } from '../data';
import { startFhirServer } from './server';
import { freePort, startTestIssuer } from './test-issuer';

const QUERIES = [
  'Observation?patient=p-large&category=vital-signs&_sort=-date&_count=50',
  'Observation?patient=p-large&category=vital-signs&_sort=-date&_count=50&_offset=50',
  'Observation?patient=p-large&category=vital-signs&_sort=-date&_count=50&_offset=100',
  'Observation?patient=p-large&code=8867-4&_count=1000',
  'Observation?patient=p-large&category=laboratory&date=ge2025-01-01&_sort=-date&_count=200',
  'Observation?patient=p-large&code=http://loinc.org|4548-4,http://loinc.org|2345-7&_sort=date&_count=1000',
  'Encounter?patient=p-large&_sort=-date&_count=50',
  'Observation?patient=p-001&category=laboratory&_sort=-date',
  'Patient?identifier=urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14|E0100000',
  'Patient?name=garcia',
];

async function main() {
  const issuer = await startTestIssuer();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}/fhir`;
  const t0 = performance.now();
  const dataset = generateDataset();
  const t1 = performance.now();
  const server = await startFhirServer({
    host: '127.0.0.1',
    port,
    baseUrl,
    dataset,
    issuer: issuer.issuer,
    jwksUri: issuer.jwksUri,
    allowedOrigins: [],
    smartConfiguration: () => ({}),
  });
  const t2 = performance.now();
  console.log(`generate ${(t1 - t0).toFixed(0)} ms, index + listen ${(t2 - t1).toFixed(0)} ms, total ${(t2 - t0).toFixed(0)} ms`);

  const token = await issuer.sign({ scope: 'user/*.rs' }, baseUrl);
  const headers = { Authorization: `Bearer ${token}` };
  await fetch(`${baseUrl}/Patient/p-large`, { headers }); // JWKS fetch and connection warm-up
  for (const query of QUERIES) {
    const times: number[] = [];
    let total = 0;
    let entries = 0;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const bundle = (await (await fetch(`${baseUrl}/${query}`, { headers })).json()) as { total: number; entry?: unknown[] };
      times.push(performance.now() - start);
      total = bundle.total;
      entries = bundle.entry?.length ?? 0;
    }
    console.log(`${times.map((t) => t.toFixed(0).padStart(4)).join(' ')} ms  total=${total} entries=${entries}  ${query}`);
  }
  await server.close();
  await issuer.close();
}

void main();
