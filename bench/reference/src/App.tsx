// The landing view as a typical developer writes it with fhirclient: three requests in parallel, each part
// rendered when its answer arrives.
import type Client from 'fhirclient/lib/Client';
import type { Bundle, Encounter, Observation, Patient } from 'fhir/r4';
import { useEffect, useState } from 'react';

function patientName(patient: Patient): string {
  const name = patient.name?.[0];
  return name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
}

function observationText(observation: Observation): string {
  const label = observation.code.text ?? observation.code.coding?.[0]?.display ?? 'Observation';
  const quantity = observation.valueQuantity;
  const value = quantity
    ? `${quantity.value} ${quantity.unit ?? ''}`
    : (observation.component ?? []).map((c) => `${c.valueQuantity?.value ?? ''} ${c.valueQuantity?.unit ?? ''}`).join(' / ');
  return `${label}: ${value} (${observation.effectiveDateTime?.slice(0, 10) ?? 'no date'})`;
}

const resources = <T,>(bundle: Bundle) => (bundle.entry ?? []).map((entry) => entry.resource as T);

export function App({ client }: { client: Client }) {
  const [patient, setPatient] = useState<Patient>();
  const [encounters, setEncounters] = useState<Encounter[]>();
  const [observations, setObservations] = useState<Observation[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const id = client.patient.id;
    const fail = (e: unknown) => setError(String(e));
    client.request<Patient>(`Patient/${id}`).then(setPatient, fail);
    client.request<Bundle>(`Encounter?patient=${id}&_sort=-date&_count=50`).then((b) => setEncounters(resources<Encounter>(b)), fail);
    client.request<Bundle>(`Observation?patient=${id}&_sort=-date&_count=100`).then((b) => setObservations(resources<Observation>(b)), fail);
  }, [client]);

  return (
    <main>
      {error && <p role="alert">{error}</p>}
      <h1>{patient ? patientName(patient) : 'Loading patient…'}</h1>
      {patient && <p>{patient.gender}, born {patient.birthDate}</p>}
      <h2>Observations</h2>
      {observations ? (
        <ul aria-label="Observations">
          {observations.map((o) => <li key={o.id}>{observationText(o)}</li>)}
        </ul>
      ) : <p>Loading observations…</p>}
      <h2>Encounters</h2>
      {encounters ? (
        <ul aria-label="Encounters">
          {encounters.map((e) => <li key={e.id}>{e.type?.[0]?.text ?? e.class?.display ?? 'Encounter'}: {e.period?.start?.slice(0, 10)}</li>)}
        </ul>
      ) : <p>Loading encounters…</p>}
    </main>
  );
}
