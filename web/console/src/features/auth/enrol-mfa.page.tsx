import { useNavigate } from '@tanstack/react-router';
import { ShieldCheck } from 'lucide-react';
import { useEffect } from 'react';
import { session } from '@/api/client';
import { BrandMark } from '@/kit/BrandMark';
import { Button } from '@/kit/Button';
import { toast } from '@/kit/toast';
import { TotpEnrolment } from './TotpEnrolment';
import './auth.css';

/**
 * After a sign-in whose answer says mfaEnrollmentRequired: the organisation requires a second
 * factor and this account has none. The session may only enrol one; then the person signs in again.
 */
export function EnrolMfaPage() {
  const navigate = useNavigate();
  const current = session.current();
  useEffect(() => {
    document.title = 'Two-step verification · Switchboard';
  }, []);
  const tenant = current?.tenant ?? '';
  const email = current?.kind === 'mfaEnrollment' ? current.email : '';

  const finish = () => {
    session.end('signedOut');
    toast.success('Two-step verification is on', 'Sign in again with your password and a code from the app.');
    void navigate({ to: '/sign-in', search: { tenant, email, mfa: true }, replace: true });
  };

  return (
    <main className="auth-main auth-main--solo">
      <div className="auth-card auth-card--wide">
        <div className="auth-card__mark">
          <BrandMark size={40} />
        </div>
        <p className="page-header__eyebrow">
          <ShieldCheck aria-hidden="true" className="inline-icon" /> One more step
        </p>
        <h1>Protect your account with two-step verification</h1>
        <p className="muted">
          Your organisation requires owners and administrators to confirm each sign-in with a code from an authenticator app. Set one up now to
          continue.
        </p>
        <TotpEnrolment onEnrolled={finish} startLabel="Set up my authenticator app" />
        <div className="auth-card__foot">
          <Button variant="ghost" size="sm" onClick={() => void session.signOut()}>
            Cancel and sign out
          </Button>
        </div>
      </div>
    </main>
  );
}
