import { useNavigate } from '@tanstack/react-router';
import { ShieldCheck } from 'lucide-react';
import { useEffect } from 'react';
import { session } from '@/api/client';
import { BrandMark } from '@/kit/BrandMark';
import { Button } from '@/kit/Button';
import { toast } from '@/kit/toast';
import { TotpEnrolment } from './TotpEnrolment';
import './auth.css';
import { messagesNow, useMessages } from '@/i18n';
import { authMessages } from './auth.messages';

/**
 * After a sign-in whose answer says mfaEnrollmentRequired: the organisation requires a second
 * factor and this account has none. The session may only enrol one; then the person signs in again.
 */
export function EnrolMfaPage() {
  const navigate = useNavigate();
  const current = session.current();
  const m = useMessages(authMessages).enrol;
  useEffect(() => {
    document.title = m.documentTitle;
  }, [m.documentTitle]);
  const tenant = current?.tenant ?? '';
  const email = current?.kind === 'mfaEnrollment' ? current.email : '';

  const finish = () => {
    session.end('signedOut');
    const done = messagesNow(authMessages).enrol;
    toast.success(done.doneTitle, done.doneText);
    void navigate({ to: '/sign-in', search: { tenant, email, mfa: true }, replace: true });
  };

  return (
    <main className="auth-main auth-main--solo">
      <div className="auth-card auth-card--wide">
        <div className="auth-card__mark">
          <BrandMark size={40} />
        </div>
        <p className="page-header__eyebrow">
          <ShieldCheck aria-hidden="true" className="inline-icon" /> {m.eyebrow}
        </p>
        <h1>{m.title}</h1>
        <p className="muted">{m.lead}</p>
        <TotpEnrolment onEnrolled={finish} startLabel={m.start} />
        <div className="auth-card__foot">
          <Button variant="ghost" size="sm" onClick={() => void session.signOut()}>
            {m.cancel}
          </Button>
        </div>
      </div>
    </main>
  );
}
