// index.html: fhirclient completes the launch (code exchange), then the app renders.
import FHIR from 'fhirclient';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = createRoot(document.getElementById('root')!);
FHIR.oauth2.ready().then(
  (client) => root.render(<StrictMode><App client={client} /></StrictMode>),
  (error: unknown) => root.render(<p role="alert">Launch failed: {String(error)}</p>),
);
