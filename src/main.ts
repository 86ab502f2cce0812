// The entry script: small on purpose. /launch and /callback run their work at once, without the UI's code
// (React, the router, the views), which loads as its own chunk only where it is needed.
import './styles.css';
import { bootCallback } from './boot/callback';
import { bootLaunch } from './boot/launch';
import { startApp } from './boot/ui';
import { appHref, appPath } from './lib/basePath';
import { loadConfig } from './smart/config';

const config = loadConfig(appHref('/smart-config.json')); // preloaded by index.html
config.catch(() => undefined); // each page shows a configuration error itself
const route = appPath(window.location.pathname);
if (route === '/launch') bootLaunch(config);
else if (route === '/callback') bootCallback(config);
else void startApp(config);
