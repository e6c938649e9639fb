import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { useLogout } from '../api/logout';

export function SignOutButton() {
  const logout = useLogout();
  const navigate = useNavigate();

  return (
    <>
      <Button
        variant="ghost"
        loading={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSuccess: () => void navigate('/') })}
      >
        Sign out
      </Button>
      {logout.isError && (
        <span role="alert" className="nav__error">
          Sign out failed. Try again.
        </span>
      )}
    </>
  );
}
