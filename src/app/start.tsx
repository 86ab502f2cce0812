// Renders the app's UI for the current address: the entry script (src/main.ts) calls this once it needs a UI.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppConfig } from '../smart/config';
import { App } from './App';
import { ConfigErrorScreen } from './ConfigErrorScreen';

export async function start(config: Promise<AppConfig>): Promise<void> {
  const container = document.getElementById('root')!;
  const root = createRoot(container);
  await config.then(
    (loaded) => root.render(<StrictMode><App config={loaded} /></StrictMode>),
    (error: unknown) => root.render(<ConfigErrorScreen error={error} />),
  );
}
