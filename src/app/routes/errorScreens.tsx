import { Link, useRouteError } from 'react-router';
import { isChunkLoadError, reloadForUpdate } from '../../lib/appUpdated';
import { appHref } from '../../lib/basePath';
import type { SessionEndReason, SmartLaunchError } from '../../smart/errors';
import { Screen } from '../../ui/Screen';
import { browser } from '../browser';

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
  // Inside the EHR's panel the way back is the EHR: the standalone server picker would only confuse.
  if (browser.isFramed()) return <p>To try again, open the app again from your EHR.</p>;
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

/** Decided once per page: reload into the new version, or (already tried a minute ago) say it failed. */
let updateReload: boolean | undefined;

/** A code chunk of this version is gone from the server: a new version was deployed while the app was open. */
function AppUpdatedScreen() {
  updateReload ??= reloadForUpdate();
  if (updateReload) {
    return (
      <Screen title="The app was updated">
        <p>Loading the new version… Your chart comes back in a moment.</p>
      </Screen>
    );
  }
  return (
    <Screen title="The app was updated" tone="error">
      <p>The new version could not be loaded. Check the network connection, then reload.</p>
      <p className="actions">
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </p>
    </Screen>
  );
}

export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isChunkLoadError(error)) return <AppUpdatedScreen />;
  return (
    <Screen title="Something went wrong" tone="error">
      <p>The app hit an unexpected problem.</p>
      {error instanceof Error && <p className="detail">For IT: {error.name}</p>}
      <p className="actions">
        <Link className="button" to="/">
          Start again
        </Link>
      </p>
    </Screen>
  );
}
