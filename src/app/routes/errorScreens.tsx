import { Link, useRouteError } from 'react-router';
import { appHref } from '../../lib/basePath';
import type { SessionEndReason, SmartLaunchError } from '../../smart/errors';
import { Screen } from '../../ui/Screen';

const launchHref = (iss: string) => appHref(`/launch?${new URLSearchParams({ iss })}`);

/** What to do next after a launch or session problem: the same standalone launch, or the EHR. */
function RelaunchActions({ launch }: { launch?: { iss: string; mode: 'ehr' | 'standalone' } }) {
  if (launch?.mode === 'standalone') {
    return (
      <p className="actions">
        <a className="button" href={launchHref(launch.iss)}>
          Sign in again
        </a>{' '}
        <Link to="/">Choose another server</Link>
      </p>
    );
  }
  return (
    <>
      <p>To try again, open the app again from your EHR.</p>
      <p className="actions">
        <Link className="button" to="/">
          Sign in without the EHR
        </Link>
      </p>
    </>
  );
}

export function LaunchErrorScreen({ error }: { error: SmartLaunchError }) {
  return (
    <Screen title={error.message} tone="error">
      {error.detail && <p className="detail">{error.detail}</p>}
      <p className="detail">Error code: {error.code}</p>
      <RelaunchActions launch={error.launch} />
    </Screen>
  );
}

const END_REASONS: Record<SessionEndReason, string> = {
  refresh_failed: 'Your sign-in could not be renewed.',
  unauthorized: 'The FHIR server no longer accepts your sign-in.',
  expired: 'Your sign-in expired.',
  signed_out: 'You signed out.',
  idle: 'You were signed out because the app was not used for a while.',
  replaced: 'A new launch started.',
};

export function SessionEndedScreen({ reason, launch }: { reason: SessionEndReason; launch?: { iss: string; mode: 'ehr' | 'standalone' } }) {
  return (
    <Screen title="Session ended">
      <p>{END_REASONS[reason]} Patient data has been cleared from this window.</p>
      <RelaunchActions launch={launch} />
    </Screen>
  );
}

export function NoSessionScreen({ launch }: { launch?: { iss: string; mode: 'ehr' | 'standalone' } }) {
  return (
    <Screen title="Not signed in">
      <p>
        This app keeps your sign-in in memory only, so reloading the page or opening this address directly needs a new
        launch.
      </p>
      <RelaunchActions launch={launch} />
    </Screen>
  );
}

export function NotFoundRoute() {
  return (
    <Screen title="Page not found">
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </Screen>
  );
}

export function RouteErrorBoundary() {
  const error = useRouteError();
  return (
    <Screen title="Something went wrong" tone="error">
      <p>The app hit an unexpected problem{error instanceof Error ? `: ${error.message}` : '.'}</p>
      <p className="actions">
        <Link className="button" to="/">
          Start again
        </Link>
      </p>
    </Screen>
  );
}
