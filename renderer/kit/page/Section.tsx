import type { HTMLAttributes, ReactNode } from 'react';

/** A card named by its heading (a landmark region screen-reader users can jump to). */
export function Section({ id, title, level = 2, className = 'card', children, ...rest }: { id: string; title: ReactNode; level?: 2 | 3; className?: string; children?: ReactNode } & Omit<HTMLAttributes<HTMLElement>, 'id' | 'title'>) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={className} aria-labelledby={id} {...rest}>
      <Heading id={id}>{title}</Heading>
      {children}
    </section>
  );
}
