import type { Bundle, FhirResource } from 'fhir/r4';

export const nextLink = (bundle: Bundle): string | undefined => bundle.link?.find((l) => l.relation === 'next')?.url;

/** The search results of a page: `include`/`outcome` entries and other resource types are left out. */
export function entriesOf<T extends FhirResource>(bundle: Bundle<T>, resourceType: T['resourceType']): T[] {
  return (bundle.entry ?? [])
    .filter((e) => e.search?.mode === undefined || e.search.mode === 'match')
    .map((e) => e.resource)
    .filter((r): r is T => r !== undefined && r.resourceType === resourceType);
}

/** ge/le date filters as FHIR search values. */
export function dateRange(from?: string, to?: string): string[] | undefined {
  const values = [from && `ge${from}`, to && `le${to}`].filter((v): v is string => !!v);
  return values.length ? values : undefined;
}
