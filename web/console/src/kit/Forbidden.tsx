import { Link } from '@tanstack/react-router';
import { Lock } from 'lucide-react';

/** A page the reader's role does not include: said plainly, with the way out. */
export function ForbiddenView() {
  return (
    <div className="state route-state">
      <div className="state__icon" aria-hidden="true">
        <Lock />
      </div>
      <h1 className="state__title">Your role does not include this page</h1>
      <p className="state__text">Ask an owner or administrator of your organisation if you need access.</p>
      <div className="state__actions">
        <Link to="/" className="btn btn--secondary">
          Go to the overview
        </Link>
      </div>
    </div>
  );
}
