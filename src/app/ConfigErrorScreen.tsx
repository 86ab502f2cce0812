import { isSmartLaunchError } from '../smart/errors';
import { Screen } from '../ui/Screen';

/** smart-config.json is missing or malformed: a sentence for the clinician, the exact problem for IT. */
export function ConfigErrorScreen({ error }: { error: unknown }) {
  const detail = isSmartLaunchError(error) ? error.detail : undefined;
  return (
    <Screen title="The app is not set up correctly" tone="error">
      <p>This app cannot open until your IT team fixes its settings. Please tell them, or use the EHR without it for now.</p>
      <details className="detail">
        <summary>Details for IT</summary>
        <p>{detail ?? 'smart-config.json could not be read.'}</p>
      </details>
    </Screen>
  );
}
