import { useState, type FormEvent } from 'react';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { genderLabel, toPatientView } from '../../fhir/mappers/patient';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { usePatientSearch } from '../../fhir/queries/patient';
import type { PatientSearchQuery } from '../../fhir/queryKeys';
import { InlineError } from '../../ui/InlineError';
import { LoadMore } from '../../ui/LoadMore';
import { Skeleton } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';

/**
 * Finds a patient by name or MRN (`identifier=[system|]value`: a bare value matches any identifier system) and
 * hands the chosen id to `onSelect`. Search terms stay in memory: never in the address bar.
 */
export function PatientSearch({ onSelect }: { onSelect: (patientId: string) => void }) {
  const [name, setName] = useState('');
  const [mrn, setMrn] = useState('');
  const [submitted, setSubmitted] = useState<PatientSearchQuery>();
  const [touched, setTouched] = useState(false);
  const query = usePatientSearch(submitted);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const trimmedName = name.trim();
    const trimmedMrn = mrn.trim();
    setSubmitted(trimmedName || trimmedMrn ? { ...(trimmedName ? { name: trimmedName } : {}), ...(trimmedMrn ? { identifier: trimmedMrn } : {}), count: 20 } : undefined);
  };

  let results = null;
  if (submitted) {
    if (query.isPending) results = <Skeleton rows={3} label="Searching patients" rowHeight="3rem" />;
    else if (query.isError)
      results = isForbidden(query.error) ? (
        <Unavailable what="Patient search results" reason="forbidden" />
      ) : (
        <InlineError title="The search failed." error={query.error} onRetry={() => void query.refetch()} />
      );
    else if (query.data.items.length === 0) results = <p className="empty">No patients found.</p>;
    else
      results = (
        <>
          <ul className="patient-results" aria-label="Patients found">
            {query.data.items.map((patient) => {
              const view = toPatientView(patient);
              return (
                <li key={view.id} className="patient-result">
                  <span className="patient-result__name">{view.name}</span>
                  <span className="row__meta">
                    {genderLabel(view.gender) ?? 'Sex not recorded'} · {view.age !== undefined ? `${view.age} y` : 'Age unknown'} · Born{' '}
                    {formatFhirDate(view.birthDate) ?? 'not recorded'} · MRN {view.mrn ?? 'not recorded'}
                    {view.deceased && ' · Deceased'}
                  </span>
                  <button type="button" onClick={() => onSelect(view.id)} disabled={!view.id} aria-label={`Open chart of ${view.name}`}>
                    Open chart
                  </button>
                </li>
              );
            })}
          </ul>
          <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} label="More patients" />
        </>
      );
  }

  return (
    <section className="section patient-search" aria-labelledby="patient-search-heading">
      <h2 id="patient-search-heading">Find a patient</h2>
      <form className="patient-search__form" onSubmit={submit} role="search" aria-label="Patient search">
        <div className="field">
          <label htmlFor="patient-search-name">Name</label>
          <input id="patient-search-name" type="search" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="patient-search-mrn">MRN</label>
          <input id="patient-search-mrn" type="search" autoComplete="off" spellCheck={false} value={mrn} onChange={(e) => setMrn(e.target.value)} />
        </div>
        <button type="submit">Search</button>
      </form>
      {touched && !submitted && <p className="note">Enter a name or an MRN.</p>}
      <p className="visually-hidden" aria-live="polite">
        {submitted && query.isSuccess ? `${query.data.items.length} ${query.data.items.length === 1 ? 'patient' : 'patients'} found` : ''}
      </p>
      {results}
    </section>
  );
}
