import type { ReactNode } from 'react';

/**
 * The box a wide table scrolls in on a narrow screen. It is a named region a keyboard can reach,
 * so a person without a pointer can scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
