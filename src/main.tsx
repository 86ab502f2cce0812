import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ConfigErrorScreen } from './app/ConfigErrorScreen';
import { loadConfig } from './smart/config';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) => root.render(<StrictMode><App config={config} /></StrictMode>),
  (error: unknown) => root.render(<ConfigErrorScreen error={error} />),
);
