// The chart shell: the patient (from the launch, or chosen by search), the EHR's style, the
// banner, the view navigation, and the views themselves, each loaded on first use (charts pull in uPlot).
import { Suspense, useMemo } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { useSmartStyle } from '../../features/embedding/useSmartStyle';
import { PatientHeader } from '../../features/patient/PatientHeader';
import { lazyWithRetry } from '../../lib/lazyWithRetry';
import { useLaunchContext, useSessionStatus, useSessionStore } from '../../smart/hooks';
import type { LaunchContext } from '../../smart/launchContext';
import { Screen } from '../../ui/Screen';
import { Skeleton } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';
import { ChartContext, type ChartContextValue } from './chart/chartContext';
import { ChartNav } from './chart/ChartNav';
import { useChartPatient } from './chart/selectedPatient';
import { NoSessionScreen } from './errorScreens';

const SummaryRoute = lazyWithRetry(() => import('./chart/SummaryRoute'));
const VitalsRoute = lazyWithRetry(() => import('./chart/VitalsRoute'));
const LabsRoute = lazyWithRetry(() => import('./chart/LabsRoute'));
const EncountersRoute = lazyWithRetry(() => import('./chart/EncountersRoute'));
const RiskRoute = lazyWithRetry(() => import('./chart/RiskRoute'));
const PatientSearchRoute = lazyWithRetry(() => import('./chart/PatientSearchRoute'));

const viewFallback = <Skeleton rows={6} label="Loading view" rowHeight="4rem" />;

function UnknownView() {
  return (
    <p className="empty">
      This part of the chart does not exist. <Link to="/chart">Go to the summary</Link>
    </p>
  );
}

/** While a refresh waits out a network loss: the chart stays, queries pause, and the user knows why. */
function Reconnecting() {
  const { status } = useSessionStatus();
  if (status !== 'reconnecting') return null;
  return (
    <p className="reconnecting" role="status">
      Reconnecting to your EHR… The chart stays on screen and updates when the connection is back.
    </p>
  );
}

function SignOutButton() {
  const store = useSessionStore();
  return (
    <button type="button" className="button--quiet" onClick={() => store.clear('signed_out')}>
      Sign out
    </button>
  );
}

function Chart({ context }: { context: LaunchContext }) {
  const navigate = useNavigate();
  const { patientId, canChoose, choose } = useChartPatient(context);
  const { scopes } = context;
  const chart = useMemo<ChartContextValue | null>(
    () =>
      patientId
        ? { patientId, encounterId: context.patientId ? context.encounterId : undefined, canRead: (type: string) => scopes.canRead(type) }
        : null,
    [patientId, context, scopes],
  );

  if (!chart) {
    if (!canChoose || !scopes.canRead('Patient')) {
      return (
        <Screen title="No patient selected">
          <p>This launch did not include a patient{scopes.canRead('Patient') ? '.' : ', and this sign-in cannot search for patients.'}</p>
        </Screen>
      );
    }
    return (
      <main className="chart">
        <h1 className="visually-hidden">Find a patient</h1>
        <Reconnecting />
        <p className="chart__bar chart__bar--end">
          <SignOutButton />
        </p>
        <Suspense fallback={viewFallback}>
          <PatientSearchRoute
            onSelect={(id) => {
              choose(id);
              void navigate('/chart');
            }}
          />
        </Suspense>
      </main>
    );
  }

  const banner = context.needPatientBanner;
  return (
    <ChartContext.Provider value={chart}>
      <main className="chart">
        {banner ? (
          scopes.canRead('Patient') ? (
            <PatientHeader patientId={chart.patientId} />
          ) : (
            <Unavailable what="Patient details" reason="scope" />
          )
        ) : (
          <h1 className="visually-hidden">Patient chart</h1>
        )}
        <Reconnecting />
        <div className="chart__bar">
          <ChartNav />
          {canChoose && (
            <button type="button" className="button--quiet" onClick={() => choose(undefined)}>
              Change patient
            </button>
          )}
          <SignOutButton />
        </div>
        <Suspense fallback={viewFallback}>
          <Routes>
            <Route index element={<SummaryRoute />} />
            <Route path="vitals" element={<VitalsRoute />} />
            <Route path="labs" element={<LabsRoute />} />
            <Route path="encounters" element={<EncountersRoute />} />
            <Route path="risk" element={<RiskRoute />} />
            <Route path="*" element={<UnknownView />} />
          </Routes>
        </Suspense>
      </main>
    </ChartContext.Provider>
  );
}

/** Rendered inside RequireSession (src/app/router.tsx), which handles ended and missing sessions. */
export function ChartRoute() {
  const context = useLaunchContext();
  useSmartStyle(context?.smartStyleUrl);
  if (!context) return <NoSessionScreen />;
  return <Chart context={context} />;
}
