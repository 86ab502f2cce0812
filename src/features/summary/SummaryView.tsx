import { NEWS2_SOURCE } from '../../fhir/mappers/vitalFlags';
import { Section } from '../../ui/Section';
import { Unavailable } from '../../ui/Unavailable';
import { LatestLabs } from './LatestLabs';
import { LatestVitals } from './LatestVitals';
import { RecentEncounters } from './RecentEncounters';

export interface SummaryViewProps {
  patientId: string;
  canRead: (resourceType: string) => boolean;
  paths: { labs: string; encounters: string };
}

/** What a clinician looks at first: latest vitals and labs with flags, age and trend; recent encounters. */
export function SummaryView({ patientId, canRead, paths }: SummaryViewProps) {
  const observations = canRead('Observation');
  return (
    <div className="view view--summary">
      <Section title="Latest vital signs" className="span-all" actions={<span className="section__hint">H/L flags: {NEWS2_SOURCE}</span>}>
        {observations ? <LatestVitals patientId={patientId} /> : <Unavailable what="Vital signs" reason="scope" />}
      </Section>
      <Section title="Latest lab results">
        {observations ? <LatestLabs patientId={patientId} labsPath={paths.labs} /> : <Unavailable what="Lab results" reason="scope" />}
      </Section>
      <Section title="Recent encounters">
        {canRead('Encounter') ? <RecentEncounters patientId={patientId} encountersPath={paths.encounters} /> : <Unavailable what="Encounters" reason="scope" />}
      </Section>
    </div>
  );
}
