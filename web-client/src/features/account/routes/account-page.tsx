import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '@/lib/session/get-me';
import { useMyProfile } from '../api/get-my-profile';
import { AccountDetails } from '../components/account-details';
import { ApiKeys } from '../components/api-keys';
import { DirectoryVisibility } from '../components/directory-visibility';
import { ProfileForm } from '../components/profile-form';

export function AccountPage() {
  const me = useMe();
  const profile = useMyProfile();

  return (
    <>
      <PageHeading title="Your account">Your account</PageHeading>
      <AccountNav />
      {me.isPending && <Spinner label="Loading your account…" />}
      {me.isError && <Alert title="Could not load your account">{me.error.message}</Alert>}
      {me.data && <AccountDetails me={me.data} />}
      {profile.isError && <Alert title="Could not load your public profile">{profile.error.message}</Alert>}
      {profile.data && <ProfileForm profile={profile.data} />}
      {me.data && <DirectoryVisibility me={me.data} />}
      {me.data && <ApiKeys isContributor={me.data.roles.includes('contributor')} />}
    </>
  );
}
