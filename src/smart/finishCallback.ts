// Everything /callback does with the address it was opened with, once per address: in the hidden frame of a
// silent re-authorization, hand it to the page around it; in a sign-in popup, hand it to the frame that opened
// it; otherwise exchange the code in a new token vault. The entry script starts this as soon as it runs; the
// callback route, when the UI arrives, picks up the same promise.
import { completeLaunchOnce, type CompletedLaunch } from './completeLaunch';
import { handCallbackToOpener } from './popupHandoff';
import { handCallbackToSilentParent } from './silentSignIn';

export type CallbackOutcome = CompletedLaunch | 'handed-over' | 'silent-frame';

const finishing = new Map<string, Promise<CallbackOutcome>>();

/** `onVaultStarted`: the token vault is running and has the code exchange (the page may get busy now). */
export function finishCallbackOnce(url: string, onVaultStarted?: () => void): Promise<CallbackOutcome> {
  let promise = finishing.get(url);
  if (!promise) {
    promise = handCallbackToSilentParent(url)
      ? Promise.resolve('silent-frame' as const)
      : handCallbackToOpener(url).then((handedOver): Promise<CallbackOutcome> | CallbackOutcome => (handedOver ? 'handed-over' : completeLaunchOnce(url, onVaultStarted)));
    finishing.set(url, promise);
  }
  return promise;
}
