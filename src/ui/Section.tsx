import type { ReactNode } from 'react';

export function Section({ title, children, id, actions, className }: { title: string; children: ReactNode; id?: string; actions?: ReactNode; className?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/\W+/g, '-')}-heading`;
  return (
    <section className={`section${className ? ` ${className}` : ''}`} aria-labelledby={headingId}>
      <div className="section__head">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
