import { Link } from '@tanstack/react-router';
import { Lock } from 'lucide-react';
import { useMessages } from '@/i18n';
import { kitMessages } from './kit.messages';

/** A page the reader's role does not include: said plainly, with the way out. */
export function ForbiddenView() {
  const m = useMessages(kitMessages);
  return (
    <div className="state route-state">
      <div className="state__icon" aria-hidden="true">
        <Lock />
      </div>
      <h1 className="state__title">{m.forbiddenTitle}</h1>
      <p className="state__text">{m.forbiddenText}</p>
      <div className="state__actions">
        <Link to="/" className="btn btn--secondary">
          {m.toOverview}
        </Link>
      </div>
    </div>
  );
}
