import { isSmartLaunchError } from '../smart/errors';
import { Screen } from '../ui/Screen';

/** smart-config.json is missing or malformed: say which, for the engineer deploying the app. */
export function ConfigErrorScreen({ error }: { error: unknown }) {
  const detail = isSmartLaunchError(error) ? error.detail : undefined;
  return (
    <Screen title="The app is not configured correctly" tone="error">
      <p>{detail ?? 'smart-config.json could not be read.'}</p>
      <p className="detail">Ask the team that deployed this app to fix smart-config.json (see the README).</p>
    </Screen>
  );
}
