import { Navigate } from 'react-router';
import { appHref } from '../../lib/basePath';
import { useEndedSession, useSessionStatus } from '../../smart/hooks';
import { Screen } from '../../ui/Screen';
import { useAppConfig } from '../ConfigContext';
import { SessionEndedScreen } from './errorScreens';

/** The standalone entry: pick a configured FHIR server (or go to the chart when signed in). */
export function HomeRoute() {
  const status = useSessionStatus();
  const ended = useEndedSession();
  const config = useAppConfig();
  if (status.status === 'active' || status.status === 'refreshing') return <Navigate to="/chart" replace />;
  if (status.status === 'ended') return <SessionEndedScreen reason={status.reason} launch={ended} />;
  const servers = config.servers.filter((s) => s.standalone && s.issuer);
  return (
    <Screen title="Sign in to a FHIR server">
      {servers.length === 0 ? (
        <p>No server is set up for standalone sign-in. Open the app from your EHR.</p>
      ) : (
        <ul className="server-list">
          {servers.map((server) => (
            <li key={server.id}>
              <a className="button" href={appHref(`/launch?${new URLSearchParams({ iss: server.issuer! })}`)}>
                {server.name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
