import type { ReactNode } from 'react';
import { FLAG_WORDS, isCriticalFlag } from './flagWords';

/**
 * An abnormal-value flag (HH, H, L, LL, A, AA): the letters on screen, the words for assistive tech. Normal
 * values show nothing. Colour is never the only cue: critical flags are filled, the others outlined.
 */
export function Flag({ flag, computed = false }: { flag: string | undefined; computed?: boolean }) {
  if (!flag || !FLAG_WORDS[flag]) return null;
  const label = `${FLAG_WORDS[flag]}${computed ? ' (by reference range)' : ''}`;
  return (
    <span className={`flag-badge${isCriticalFlag(flag) ? ' flag-badge--critical' : ''}`} title={label}>
      <span aria-hidden="true">
        {flag}
        {computed ? '*' : ''}
      </span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** A value followed by its flag (a space between them only when there is a flag). */
export function WithFlag({ children, flag, computed = false }: { children: ReactNode; flag: string | undefined; computed?: boolean }) {
  if (!flag || !FLAG_WORDS[flag]) return <>{children}</>;
  return (
    <>
      {children} <Flag flag={flag} computed={computed} />
    </>
  );
}
