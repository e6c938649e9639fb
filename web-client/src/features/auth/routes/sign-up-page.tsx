import { Link, Navigate, useLocation } from 'react-router';
import { PageHeading } from '@/components/ui/page-heading';
import { useMe } from '@/lib/session/get-me';
import { SignUpForm } from '../components/sign-up-form';
import { redirectTarget } from './redirect-target';

export function SignUpPage() {
  const me = useMe();
  const location = useLocation();
  // Like sign-in: back to the page that asked (e.g. the cart's "Sign up"), else the account.
  if (me.data) return <Navigate to={redirectTarget(location.state)} replace />;

  return (
    <div className="auth-page">
      <PageHeading title="Create your account">Create your account</PageHeading>
      <p className="lede">License photographs from the people who made them, or apply to join as a contributor.</p>
      <SignUpForm />
      <p className="auth-page__switch">
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </div>
  );
}
