import type { ReactNode } from 'react';

/** A full-page message: loading, errors, session ended. Always has a heading, never blank. */
export function Screen({ title, children, tone = 'info' }: { title: string; children?: ReactNode; tone?: 'info' | 'error' }) {
  return (
    <main className={`screen screen--${tone}`} aria-live="polite">
      <div className="screen__card">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
