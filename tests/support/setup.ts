import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach } from 'vitest';
import { vaultFactory } from '../../src/smart/vaultClient';
import { closeInProcessVaults, inProcessVault } from './inProcessVault';

// jsdom has no Worker: launches get the real vault code in this realm, behind the same Comlink boundary.
vaultFactory.spawn = inProcessVault;
afterAll(closeInProcessVaults);

// Views load lazily and CI machines are busy: wait up to 5 s for something to appear (1 s by default).
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});
