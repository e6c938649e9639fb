import { Link, Navigate } from 'react-router';
import { PageHeading } from '@/components/ui/page-heading';
import { useMe } from '@/lib/session/get-me';
import { SignUpForm } from '../components/sign-up-form';

export function SignUpPage() {
  const me = useMe();
  if (me.data) return <Navigate to="/account" replace />;

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
