// The token vault's worker: the only realm where a token exists. A page script cannot wrap this realm's fetch,
// read its memory or walk into it from the DOM; it can only send the messages of api.ts.
import { expose } from 'comlink';
import { createVault } from './vault';

expose(createVault());
