import { useEffect, useRef } from 'react';

/**
 * Scrolls the element into view when it mounts, if `reveal` (e.g. a detail panel the user just opened below a
 * long list in a narrow side panel). Focus stays where it is.
 */
export function useRevealOnMount<T extends HTMLElement>(reveal: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!reveal) return;
    const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    ref.current?.scrollIntoView?.({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
  }, [reveal]);
  return ref;
}
