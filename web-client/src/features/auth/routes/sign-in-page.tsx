import { Link, Navigate, useLocation } from 'react-router';
import { PageHeading } from '@/components/ui/page-heading';
import { useMe } from '@/lib/session/get-me';
import { SignInForm } from '../components/sign-in-form';
import { redirectTarget } from './redirect-target';

export function SignInPage() {
  const me = useMe();
  const location = useLocation();
  // Signing in stores the user in the session query; this then moves on.
  if (me.data) return <Navigate to={redirectTarget(location.state)} replace />;

  return (
    <div className="auth-page">
      <PageHeading title="Sign in">Sign in</PageHeading>
      <p className="lede">Welcome back to the co-op.</p>
      <SignInForm />
      <p className="auth-page__switch">
        New to MediaCoop? <Link to="/sign-up">Create an account</Link>
      </p>
    </div>
  );
}
