import {
  badRequest,
  deepClone,
  evalFhirPath,
  formatSearchQuery,
  getSearchParameter,
  matchesSearchRequest,
  notFound,
  OperationOutcomeError,
  Operator,
  type Filter,
  type SearchRequest,
  type WithId,
} from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleLink, CodeableConcept, Observation, Reference, Resource, SearchParameter } from '@medplum/fhirtypes';

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 1000;

/** Types whose `patient` and `subject` parameters are both `X.subject`, so a per-patient list answers them exactly. */
const COMPARTMENT_TYPES = new Set(['Observation', 'Encounter', 'Condition', 'MedicationRequest']);

/** Token parameters answered from a precomputed set (the same tokens medplum's matcher derives, lower-cased). */
const TOKEN_INDEX: Record<string, Record<string, (r: Resource) => CodeableConcept[]>> = {
  Observation: { code: (r) => [(r as Observation).code], category: (r) => (r as Observation).category ?? [] },
};

function tokensOf(concepts: CodeableConcept[]): Set<string> {
  const tokens = new Set<string>();
  const add = (value: string | undefined, system?: string) => {
    if (!value) return;
    tokens.add(`|${value.toLowerCase()}`);
    if (system) tokens.add(`${system.toLowerCase()}|${value.toLowerCase()}`);
  };
  for (const concept of concepts) {
    add(concept.text);
    for (const coding of concept.coding ?? []) {
      add(coding.display);
      add(coding.code, coding.system);
    }
  }
  return tokens;
}

const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Read-only repository behind medplum's FhirRouter. Matching uses medplum's own `matchesSearchRequest`, but
 * MemoryRepository.search scans every resource of the type, clones all matches and evaluates FHIRPath inside the
 * sort comparator (~300 ms for one page of the 6,500-observation patient). Here a search for one patient starts
 * from that patient's list, Observation code/category use a token index, sort keys are computed once per resource,
 * and only the returned page is cloned (~10 ms per page).
 */
export class SandboxRepository extends MemoryRepository {
  private readonly byRef = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();
  private readonly byPatient = new Map<string, Resource[]>();
  private readonly sortKeys = new Map<string, WeakMap<Resource, string>>();
  private readonly tokens = new Map<string, WeakMap<Resource, Set<string>>>();

  constructor(
    resources: readonly Resource[],
    private readonly baseUrl: string,
    lastUpdated: string,
  ) {
    super();
    for (const resource of resources) {
      const stored = { ...resource, meta: { versionId: '1', lastUpdated, ...resource.meta } } as Resource;
      this.byRef.set(`${resource.resourceType}/${resource.id}`, stored);
      push(this.byType, resource.resourceType, stored);
      const subject = (stored as { subject?: Reference }).subject?.reference;
      if (COMPARTMENT_TYPES.has(resource.resourceType) && subject?.startsWith('Patient/')) {
        push(this.byPatient, `${resource.resourceType}|${subject}`, stored);
      }
    }
  }

  /** Warms the sort keys the app uses most, so the first request on a large patient is as fast as the next. */
  warmSortKeys(): void {
    for (const type of COMPARTMENT_TYPES) {
      const key = this.sortKey(type, 'date');
      for (const resource of this.byType.get(type) ?? []) key(resource);
    }
  }

  override async createResource<T extends Resource>(): Promise<WithId<T>> {
    throw new OperationOutcomeError(badRequest('The sandbox FHIR server is read-only'));
  }

  override async deleteResource(): Promise<void> {
    throw new OperationOutcomeError(badRequest('The sandbox FHIR server is read-only'));
  }

  override async readResource<T extends Resource>(resourceType: string, id: string): Promise<T> {
    const resource = this.byRef.get(`${resourceType}/${id}`);
    if (!resource) throw new OperationOutcomeError(notFound);
    return deepClone(resource) as T;
  }

  override async search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const { resourceType } = request;
    const filters: Filter[] = [];
    for (const filter of request.filters ?? []) {
      const param = getSearchParameter(resourceType, filter.code);
      // Unknown parameters are ignored (FHIR lenient handling) and so left out of the self link.
      if (param) filters.push(param.type === 'reference' ? normalizeReference(filter, param) : filter);
    }

    let candidates = this.byType.get(resourceType) ?? [];
    let remaining = filters;
    const compartment = filters.find(
      (f) => (f.code === 'patient' || f.code === 'subject') && f.operator === Operator.EQUALS && /^Patient\/[^,]+$/.test(f.value),
    );
    if (compartment && COMPARTMENT_TYPES.has(resourceType)) {
      candidates = this.byPatient.get(`${resourceType}|${compartment.value}`) ?? [];
      remaining = filters.filter((f) => f !== compartment);
    }
    const indexed: ((r: Resource) => boolean)[] = [];
    const matchRequest: SearchRequest & { filters: Filter[] } = { resourceType, filters: [] };
    for (const filter of remaining) {
      const matcher = this.tokenMatcher(resourceType, filter);
      if (matcher) indexed.push(matcher);
      else matchRequest.filters.push(filter);
    }
    const matches = candidates.filter((r) => indexed.every((m) => m(r)) && matchesSearchRequest(r, matchRequest));

    const rules = (request.sortRules ?? []).map((rule) => ({ sign: rule.descending ? -1 : 1, key: this.sortKey(resourceType, rule.code) }));
    if (rules.length) {
      matches.sort((a, b) => {
        for (const { sign, key } of rules) {
          const ka = key(a);
          const kb = key(b);
          if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
        }
        return 0;
      });
    }

    const count = Math.min(request.count ?? DEFAULT_COUNT, MAX_COUNT);
    const offset = request.offset ?? 0;
    const used: SearchRequest = { resourceType, filters, sortRules: request.sortRules, count, offset };
    const link: BundleLink[] = [{ relation: 'self', url: this.url(used) }];
    if (count > 0 && offset + count < matches.length) link.push({ relation: 'next', url: this.url({ ...used, offset: offset + count }) });
    if (offset > 0) link.push({ relation: 'previous', url: this.url({ ...used, offset: Math.max(0, offset - count) }) });

    const page = matches.slice(offset, offset + count);
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      link,
      entry: page.length
        ? page.map((r) => ({ fullUrl: `${this.baseUrl}/${r.resourceType}/${r.id}`, resource: deepClone(r) as WithId<T>, search: { mode: 'match' } }))
        : undefined,
    };
  }

  /** For `code=a,sys|b` style filters on an indexed parameter; undefined means "let medplum match it". */
  private tokenMatcher(resourceType: string, filter: Filter): ((r: Resource) => boolean) | undefined {
    const extract = TOKEN_INDEX[resourceType]?.[filter.code];
    const values = filter.value.split(',').map((v) => v.toLowerCase());
    if (!extract || filter.operator !== Operator.EQUALS || values.some((v) => !/^[^|]+$|^[^|]+\|[^|]+$/.test(v))) return undefined;
    const wanted = values.map((v) => (v.includes('|') ? v : `|${v}`));
    let cache = this.tokens.get(`${resourceType}|${filter.code}`);
    if (!cache) this.tokens.set(`${resourceType}|${filter.code}`, (cache = new WeakMap()));
    const sets = cache;
    return (r) => {
      let set = sets.get(r);
      if (!set) sets.set(r, (set = tokensOf(extract(r))));
      return wanted.some((w) => set.has(w));
    };
  }

  private url(request: SearchRequest): string {
    return `${this.baseUrl}/${request.resourceType}${formatSearchQuery(request)}`;
  }

  /** Same key as medplum's comparator (JSON of the parameter's FHIRPath value), computed once per resource. */
  private sortKey(resourceType: string, code: string): (r: Resource) => string {
    const expression = getSearchParameter(resourceType, code)?.expression;
    if (!expression) return () => '';
    let cache = this.sortKeys.get(`${resourceType}|${code}`);
    if (!cache) this.sortKeys.set(`${resourceType}|${code}`, (cache = new WeakMap()));
    const keys = cache;
    return (r) => {
      let key = keys.get(r);
      if (key === undefined) keys.set(r, (key = JSON.stringify(evalFhirPath(expression, r))));
      return key;
    };
  }
}

/** `patient=123` and absolute URLs become `Patient/123`, the form medplum's in-memory matcher compares. */
function normalizeReference(filter: Filter, param: SearchParameter): Filter {
  const targets = param.target ?? [];
  const target =
    targets.length === 1 ? targets[0] : (targets.find((t) => t.toLowerCase() === filter.code) ?? (targets.includes('Patient') ? 'Patient' : undefined));
  const value = filter.value
    .split(',')
    .map((v) => {
      const absolute = /^https?:\/\/.*\/([A-Za-z]+\/[^/]+)$/.exec(v);
      if (absolute) return absolute[1];
      return !v.includes('/') && v && target ? `${target}/${v}` : v;
    })
    .join(',');
  return { ...filter, value };
}
