import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { BrandMark } from '@/kit/BrandMark';

/** The one-column frame of the pages before sign-in: the mark, a heading, the form. */
export function AuthFrame({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Shop`;
  }, [title]);
  return (
    <main className="portal-auth" id="main">
      <div className="portal-auth__card">
        <BrandMark size={36} />
        <h1>{title}</h1>
        {intro ? <p className="muted">{intro}</p> : null}
        {children}
      </div>
    </main>
  );
}
