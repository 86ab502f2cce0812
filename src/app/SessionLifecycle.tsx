// What keeps a signed-in session healthy while the chart is open: the vault re-checks the token's expiry as soon
// as the page is visible again or the network is back (after sleep, the clock may have jumped), and, when
// smart-config.json sets idleTimeoutMinutes, the session signs out after that long without user input.
import { useEffect } from 'react';
import { useSessionStore } from '../smart/hooks';
import { useAppConfig } from './ConfigContext';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export function SessionLifecycle() {
  const store = useSessionStore();
  const { idleTimeoutMinutes } = useAppConfig();

  useEffect(() => {
    const wake = () => {
      if (document.visibilityState === 'visible') store.current?.wake();
    };
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('online', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('online', wake);
    };
  }, [store]);

  useEffect(() => {
    if (!idleTimeoutMinutes) return;
    const limit = idleTimeoutMinutes * 60_000;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const type of ACTIVITY) document.addEventListener(type, touch, { capture: true, passive: true });
    // Wall-clock checks, not one long timer: a hidden or suspended tab's timers run late, the clock does not.
    const check = setInterval(() => {
      if (Date.now() - last >= limit && store.current) store.clear('idle');
    }, Math.min(15_000, Math.max(250, limit / 10)));
    return () => {
      clearInterval(check);
      for (const type of ACTIVITY) document.removeEventListener(type, touch, { capture: true });
    };
  }, [store, idleTimeoutMinutes]);

  return null;
}
