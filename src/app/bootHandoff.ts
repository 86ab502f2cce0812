// What the entry script (src/main.ts) started before the app's UI loaded: the launch it ran, and the callback
// address it captured before cleaning the address bar. The routes pick these up instead of starting again.
import type { LaunchOutcome } from '../smart/launchFlow';

export const bootHandoff: {
  launch?: { search: string; outcome: Promise<LaunchOutcome> };
  callbackUrl?: string;
} = {};
