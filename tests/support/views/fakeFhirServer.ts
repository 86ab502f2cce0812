// A tiny FHIR search engine over MSW for the views tests: read, and search with patient, category, code,
// encounter, date=ge/le, name, identifier, _sort=-date, _count and paging by next links. Every request is logged,
// and a resource type (or one Observation category) can be made to answer 403.
import { http, HttpResponse } from 'msw';
import type { Bundle, Encounter, FhirResource, Observation, Patient } from 'fhir/r4';
import { formatHumanName } from '../../../src/fhir/mappers/humanName';

export const FHIR_BASE = 'https://fhir.example.org/r4';

export interface FakeFhir {
  patients: Patient[];
  encounters: Encounter[];
  observations: Observation[];
  /** `Observation`, `Encounter`, `Patient` or `Observation:<category>` → 403. */
  forbidden: Set<string>;
  requests: URL[];
  authorizations: (string | null)[];
  handlers: ReturnType<typeof http.get>[];
  /** Requests to a path (e.g. 'Observation'), as URLs. */
  searches: (type: string) => URL[];
}

const dateOf = (r: FhirResource): string | undefined =>
  r.resourceType === 'Observation' ? (r.effectiveDateTime ?? r.effectivePeriod?.start) : r.resourceType === 'Encounter' ? r.period?.start : undefined;

function matchDate(value: string | undefined, filters: string[]): boolean {
  if (!filters.length) return true;
  if (!value) return false;
  const t = Date.parse(value);
  return filters.every((f) => {
    const op = f.slice(0, 2);
    const bound = Date.parse(f.slice(2));
    return op === 'ge' ? t >= bound : op === 'le' ? t <= bound + 86_399_999 : op === 'gt' ? t > bound : op === 'lt' ? t < bound : true;
  });
}

const codes = (r: Observation) => (r.code.coding ?? []).map((c) => c.code);
const outcome = (status: number, text: string) =>
  HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: text }] }, { status });

export function createFakeFhir(): FakeFhir {
  const fake: FakeFhir = {
    patients: [],
    encounters: [],
    observations: [],
    forbidden: new Set(),
    requests: [],
    authorizations: [],
    handlers: [],
    searches: (type) => fake.requests.filter((u) => u.pathname === new URL(`${FHIR_BASE}/${type}`).pathname),
  };

  function page<T extends FhirResource>(url: URL, matches: T[]): Bundle<T> {
    const count = Number(url.searchParams.get('_count') ?? 50);
    const offset = Number(url.searchParams.get('_offset') ?? 0);
    const slice = matches.slice(offset, offset + count);
    const next = new URL(url);
    next.searchParams.set('_offset', String(offset + count));
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      link: offset + count < matches.length ? [{ relation: 'next', url: next.href }] : [],
      entry: slice.map((resource) => ({ resource, search: { mode: 'match' } })),
    };
  }

  const sorted = <T extends FhirResource>(items: T[], url: URL) =>
    url.searchParams.get('_sort') === '-date' ? [...items].sort((a, b) => Date.parse(dateOf(b) ?? '0') - Date.parse(dateOf(a) ?? '0')) : items;

  const log = (request: Request) => {
    const url = new URL(request.url);
    fake.requests.push(url);
    fake.authorizations.push(request.headers.get('authorization'));
    return url;
  };

  fake.handlers = [
    http.get(`${FHIR_BASE}/Patient/:id`, ({ request, params }) => {
      log(request);
      if (fake.forbidden.has('Patient')) return outcome(403, 'No access to Patient');
      const found = fake.patients.find((p) => p.id === params.id);
      return found ? HttpResponse.json(found) : outcome(404, 'Not found');
    }),
    http.get(`${FHIR_BASE}/Patient`, ({ request }) => {
      const url = log(request);
      if (fake.forbidden.has('Patient')) return outcome(403, 'No access to Patient');
      const name = url.searchParams.get('name')?.toLowerCase();
      const identifier = url.searchParams.get('identifier');
      const matches = fake.patients.filter((p) => {
        if (name && !(formatHumanName(p.name) ?? '').toLowerCase().includes(name)) return false;
        if (identifier) {
          const [system, value] = identifier.includes('|') ? identifier.split('|') : [undefined, identifier];
          if (!p.identifier?.some((i) => i.value === value && (!system || i.system === system))) return false;
        }
        return true;
      });
      return HttpResponse.json(page(url, matches));
    }),
    http.get(`${FHIR_BASE}/Encounter/:id`, ({ request, params }) => {
      log(request);
      if (fake.forbidden.has('Encounter')) return outcome(403, 'No access to Encounter');
      const found = fake.encounters.find((e) => e.id === params.id);
      return found ? HttpResponse.json(found) : outcome(404, 'Not found');
    }),
    http.get(`${FHIR_BASE}/Encounter`, ({ request }) => {
      const url = log(request);
      if (fake.forbidden.has('Encounter')) return outcome(403, 'No access to Encounter');
      const patientId = url.searchParams.get('patient');
      const matches = fake.encounters.filter((e) => e.subject?.reference === `Patient/${patientId}` && matchDate(e.period?.start, url.searchParams.getAll('date')));
      return HttpResponse.json(page(url, sorted(matches, url)));
    }),
    http.get(`${FHIR_BASE}/Observation`, ({ request }) => {
      const url = log(request);
      const q = url.searchParams;
      const category = q.get('category');
      if (fake.forbidden.has('Observation') || (category && fake.forbidden.has(`Observation:${category}`))) return outcome(403, 'No access to these observations');
      const codeList = q.get('code')?.split(',');
      const matches = fake.observations.filter(
        (o) =>
          o.subject?.reference === `Patient/${q.get('patient')}` &&
          (!category || o.category?.some((c) => c.coding?.some((x) => x.code === category))) &&
          (!codeList || codes(o).some((c) => codeList.includes(c!))) &&
          (!q.get('encounter') || o.encounter?.reference === `Encounter/${q.get('encounter')}`) &&
          matchDate(dateOf(o), q.getAll('date')),
      );
      return HttpResponse.json(page(url, sorted(matches, url)));
    }),
  ];
  return fake;
}
