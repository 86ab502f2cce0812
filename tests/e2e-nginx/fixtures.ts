// `app`: nginx serving a build on the app's origin (127.0.0.1:4173) for each test, with the generated config.
import { test as base } from '@playwright/test';
import { APP_ORIGIN } from '../../sandbox/ports';
import { startNginx, type Nginx } from './nginx';

export const test = base.extend<{ build: { root?: string; base?: string }; app: Nginx }>({
  build: [{}, { option: true }],
  app: [
    async ({ build }, provide) => {
      const nginx = await startNginx({ ...build, listen: new URL(APP_ORIGIN).host });
      await provide(nginx);
      await nginx.stop();
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
