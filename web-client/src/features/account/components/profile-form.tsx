import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, hasErrors, noErrors, type FormErrors } from '@/lib/form-errors';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import type { MyProfile } from '../api/get-my-profile';
import { useUpdateMyProfile } from '../api/update-my-profile';
import { useUploadAvatar } from '../api/upload-avatar';

const FIELDS = ['handle', 'displayName', 'bio'] as const;
type Field = (typeof FIELDS)[number];

export const HANDLE_PATTERN = /^[a-z0-9][a-z0-9-]{2,39}$/;
const MAX_BIO = 500;
const MAX_NAME = 80;
const MAX_AVATAR_BYTES = 10 * 1024 * 1024;

/** Quick checks that save a round trip; uniqueness and the reserved names are the server's. */
function validate(values: Record<Field, string>): FormErrors<Field> {
  const fields: FormErrors<Field>['fields'] = {};
  if (!HANDLE_PATTERN.test(values.handle))
    fields.handle = 'Use 3 to 40 lowercase letters, digits or hyphens, starting with a letter or digit.';
  if (!values.displayName) fields.displayName = 'Enter the name to show on your profile.';
  else if (values.displayName.length > MAX_NAME) fields.displayName = `Use at most ${MAX_NAME} characters.`;
  if (values.bio.length > MAX_BIO) fields.bio = `Use at most ${MAX_BIO} characters.`;
  return { fields, form: null };
}

export function ProfileForm({ profile }: { profile: MyProfile }) {
  const update = useUpdateMyProfile();
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const [saved, setSaved] = useState('');
  const handleRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const bioRef = useRef<HTMLTextAreaElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const bioId = useId();
  useFocusFirstError(errors, FIELDS, { handle: handleRef, displayName: nameRef, bio: bioRef }, alertRef);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const data = new FormData(event.currentTarget);
    const values = {
      handle: String(data.get('handle') ?? '').trim().toLowerCase(),
      displayName: String(data.get('displayName') ?? '').trim(),
      bio: String(data.get('bio') ?? '').trim(),
    };
    setSaved('');
    const clientErrors = validate(values);
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    update.mutate(
      { handle: values.handle, displayName: values.displayName, bio: values.bio || null },
      {
        onSuccess: () => setSaved('Profile saved.'),
        onError: (error) => setErrors(formErrorsFrom(error, FIELDS)),
      },
    );
  }

  return (
    <section className="card profile" aria-labelledby="public-profile-heading">
      <h2 id="public-profile-heading">Public profile</h2>
      <AvatarUpload profile={profile} />
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Public profile">
        {errors.form && (
          <Alert ref={alertRef} title="Could not save your profile">
            {errors.form}
          </Alert>
        )}
        <TextField
          ref={handleRef}
          label="Handle"
          name="handle"
          defaultValue={profile.handle}
          hint="Your portfolio address: /c/your-handle. Lowercase letters, digits and hyphens."
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          maxLength={40}
          error={errors.fields.handle}
        />
        <TextField
          ref={nameRef}
          label="Display name"
          name="displayName"
          defaultValue={profile.displayName}
          autoComplete="name"
          maxLength={MAX_NAME}
          error={errors.fields.displayName}
        />
        <div className={errors.fields.bio ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor={bioId}>
            Bio
          </label>
          <p className="field__hint" id={`${bioId}-hint`}>
            A few lines about you and your work (at most {MAX_BIO} characters).
          </p>
          <textarea
            ref={bioRef}
            id={bioId}
            name="bio"
            className="field__input"
            rows={4}
            maxLength={MAX_BIO}
            defaultValue={profile.bio ?? ''}
            aria-invalid={errors.fields.bio ? true : undefined}
            aria-describedby={[errors.fields.bio ? `${bioId}-error` : null, `${bioId}-hint`].filter(Boolean).join(' ')}
          />
          {errors.fields.bio && (
            <p className="field__error" id={`${bioId}-error`}>
              <span aria-hidden="true">⚠ </span>
              <span className="visually-hidden">Error:</span> {errors.fields.bio}
            </p>
          )}
        </div>
        <div className="actions">
          <Button type="submit" loading={update.isPending} loadingText="Saving…">
            Save profile
          </Button>
          <Link to={`/c/${profile.handle}`}>View your public page</Link>
        </div>
        <p role="status" className="actions__status">
          {saved}
        </p>
      </form>
    </section>
  );
}

function AvatarUpload({ profile }: { profile: MyProfile }) {
  const upload = useUploadAvatar();
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const inputId = useId();

  function onPick(file: File | undefined) {
    setError(null);
    setStatus('');
    if (!file) return;
    if (!/^image\/(jpeg|png)$/.test(file.type)) {
      setError('Choose a JPEG or PNG image.');
      return;
    }
    if (file.size > MAX_AVATAR_BYTES) {
      setError('Choose an image of at most 10 MB.');
      return;
    }
    upload.mutate(file, {
      onSuccess: () => setStatus('Picture updated.'),
      onError: (e) => setError(formErrorsFrom(e, []).form),
    });
  }

  return (
    <div className="avatar-upload">
      {profile.avatar ? (
        <img className="avatar" src={profile.avatar.url} width={profile.avatar.width} height={profile.avatar.height} alt="Your profile picture" />
      ) : (
        <span className="avatar avatar--initials" aria-hidden="true">
          {profile.displayName.slice(0, 1).toUpperCase()}
        </span>
      )}
      <div className={error ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={inputId}>
          Profile picture
        </label>
        <p className="field__hint" id={`${inputId}-hint`}>
          JPEG or PNG, up to 10 MB. We crop it to a square.
        </p>
        <input
          id={inputId}
          type="file"
          accept="image/jpeg,image/png"
          className="drop-zone__input"
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? `${inputId}-error` : null, `${inputId}-hint`].filter(Boolean).join(' ')}
          disabled={upload.isPending}
          onChange={(e) => {
            onPick(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        {error && (
          <p className="field__error" id={`${inputId}-error`}>
            <span aria-hidden="true">⚠ </span>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        )}
        <p role="status" className="muted">
          {upload.isPending ? 'Uploading…' : status}
        </p>
      </div>
    </div>
  );
}
