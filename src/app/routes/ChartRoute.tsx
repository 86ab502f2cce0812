import { EncounterList } from '../../features/encounters/EncounterList';
import { ObservationList } from '../../features/observations/ObservationList';
import { PatientHeader } from '../../features/patient/PatientHeader';
import { useEndedSession, useLaunchContext, useSessionStatus } from '../../smart/hooks';
import { Screen } from '../../ui/Screen';
import { Section } from '../../ui/Section';
import { NoSessionScreen, SessionEndedScreen } from './errorScreens';

function Unavailable({ what }: { what: string }) {
  return <p className="unavailable">{what} are not available: this sign-in was not granted access to them.</p>;
}

export function ChartRoute() {
  const status = useSessionStatus();
  const ended = useEndedSession();
  const context = useLaunchContext();
  if (status.status === 'ended') return <SessionEndedScreen reason={status.reason} launch={ended} />;
  if (!context) return <NoSessionScreen />;
  const patientId = context.patientId;
  if (!patientId) {
    return (
      <Screen title="No patient selected">
        <p>This launch did not include a patient.</p>
      </Screen>
    );
  }
  const { scopes } = context;
  return (
    <main className="chart">
      {scopes.canRead('Patient') ? <PatientHeader patientId={patientId} /> : <Unavailable what="Patient details" />}
      <Section title="Encounters">
        {scopes.canRead('Encounter') ? <EncounterList patientId={patientId} /> : <Unavailable what="Encounters" />}
      </Section>
      <Section title="Observations">
        {scopes.canRead('Observation') ? <ObservationList patientId={patientId} /> : <Unavailable what="Observations" />}
      </Section>
    </main>
  );
}
