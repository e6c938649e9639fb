import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { useLogout } from '../api/logout';

export function SignOutButton() {
  const navigate = useNavigate();
  const logout = useLogout({ leave: () => navigate('/', { flushSync: true }) });

  return (
    <>
      <Button
        variant="ghost"
        loading={logout.isPending}
        onClick={() => logout.mutate()}
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
