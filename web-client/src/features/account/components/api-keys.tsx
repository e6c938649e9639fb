import { useId, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, hasErrors, noErrors, type FormErrors } from '@/lib/form-errors';
import { formatDay } from '@/lib/format-month';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useCreateApiKey, type CreateApiKeyInput, type CreatedApiKey } from '../api/create-api-key';
import { useMyApiKeys, type ApiKeySummary } from '../api/list-my-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';

type Scope = CreateApiKeyInput['scopes'][number];

/** The scopes a key can hold, in the order the API documents them, with what each lets a tool do. */
export const SCOPES: readonly { scope: Scope; explanation: string; contributor?: boolean }[] = [
  { scope: 'catalog:read', explanation: 'Search the catalogue and read photos, contributors, collections and your lightboxes.' },
  { scope: 'lightboxes:write', explanation: 'Create, change, share and delete your lightboxes.' },
  { scope: 'licenses:read', explanation: 'Read your orders, licences, certificates and download history.' },
  { scope: 'licenses:write', explanation: 'Fill your cart, place and pay orders, and create download links.' },
  { scope: 'uploads:write', explanation: 'Upload photos and releases, edit them and submit them for review.', contributor: true },
  { scope: 'assets:read', explanation: 'Read your own photos, their review status and your releases.', contributor: true },
  { scope: 'earnings:read', explanation: 'Read your earnings, monthly statements and payout status.', contributor: true },
  { scope: 'webhooks:write', explanation: 'Register and manage webhook endpoints that receive events.' },
  { scope: 'messages:read', explanation: 'Read your private conversations with contributors or buyers, and their unread counts.' },
  { scope: 'messages:write', explanation: 'Contact contributors, reply in your conversations and mark them read.' },
];

const FIELDS = ['name', 'scopes'] as const;
type Field = (typeof FIELDS)[number];

/** The account page's "API keys" section: list, create (the key shown once), revoke with confirmation. */
export function ApiKeys({ isContributor }: { isContributor: boolean }) {
  const keys = useMyApiKeys();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  return (
    <section className="card api-keys" aria-labelledby="api-keys-heading">
      <h2 id="api-keys-heading">API keys</h2>
      <p className="muted">
        Keys let your own scripts and other services use MediaCoop on your behalf, limited to the scopes you choose. Send a key as{' '}
        <code>Authorization: Bearer &lt;key&gt;</code>; never put it in a URL.
      </p>
      {created && <NewKey created={created} onDone={() => setCreated(null)} />}
      {keys.isPending && <Spinner label="Loading your API keys…" />}
      {keys.isError && <Alert title="Could not load your API keys">{keys.error.message}</Alert>}
      {keys.data && <KeyList keys={keys.data.keys} />}
      <CreateKeyForm isContributor={isContributor} onCreated={setCreated} />
    </section>
  );
}

function NewKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [message, setMessage] = useState('');
  const keyId = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setMessage('Key copied.');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): the key is selectable instead.
      setMessage('Copy the key from the box.');
    }
  }

  return (
    <Alert tone="success" title={`Key “${created.name}” created`}>
      <p>
        <strong>Copy it now: this is the only time it is shown.</strong> We keep only a fingerprint of it, so it cannot be shown again. Store it
        like a password; anyone who has it can act for you within its scopes.
      </p>
      <label htmlFor={keyId} className="field__label">
        Your new API key
      </label>
      <div className="inline-form">
        <input id={keyId} className="field__input" readOnly value={created.key} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
        <Button variant="secondary" onClick={() => void copy()}>
          Copy
        </Button>
        <Button variant="ghost" onClick={onDone}>
          I have stored it
        </Button>
      </div>
      <p role="status">{message}</p>
    </Alert>
  );
}

function KeyList({ keys }: { keys: ApiKeySummary[] }) {
  if (keys.length === 0) return <p>You have no API keys.</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Your API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <KeyRow key={key.id} apiKey={key} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKeySummary }) {
  const revoke = useRevokeApiKey();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  return (
    <tr>
      <th scope="row">{apiKey.name}</th>
      <td>
        <code>{apiKey.prefix}…</code>
      </td>
      <td>{apiKey.scopes.join(', ')}</td>
      <td>{formatDay(apiKey.createdAt)}</td>
      <td>{apiKey.lastUsedAt ? formatDay(apiKey.lastUsedAt) : 'Never'}</td>
      <td>
        {confirming ? (
          <div role="group" aria-label={`Confirm revoking “${apiKey.name}”`}>
            <p>Revoke “{apiKey.name}”? Anything using it stops working at once.</p>
            <Button
              variant="primary"
              loading={revoke.isPending}
              loadingText="Revoking…"
              onClick={() => revoke.mutate(apiKey.id, { onError: (e) => setError(formErrorsFrom(e, []).form ?? 'Could not revoke the key.') })}
            >
              Revoke key
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)} aria-label={`Revoke “${apiKey.name}”`}>
            Revoke
          </Button>
        )}
        {error && <p className="field__error">{error}</p>}
      </td>
    </tr>
  );
}

function CreateKeyForm({ isContributor, onCreated }: { isContributor: boolean; onCreated: (key: CreatedApiKey) => void }) {
  const create = useCreateApiKey();
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const firstScopeRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const scopesErrorId = useId();
  useFocusFirstError(errors, FIELDS, { name: nameRef, scopes: firstScopeRef }, alertRef);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const data = new FormData(event.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    const scopes = data.getAll('scopes').map(String) as Scope[];
    const clientErrors: FormErrors<Field> = { fields: {}, form: null };
    if (!name) clientErrors.fields.name = 'Name the key after the tool that will use it.';
    else if (name.length > 100) clientErrors.fields.name = 'Use at most 100 characters.';
    if (scopes.length === 0) clientErrors.fields.scopes = 'Choose at least one scope.';
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    create.mutate(
      { name, scopes },
      {
        onSuccess: (key) => {
          formRef.current?.reset();
          onCreated(key);
        },
        onError: (error) => setErrors(formErrorsFrom(error, FIELDS)),
      },
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-label="Create an API key">
      <h3>Create a key</h3>
      {errors.form && (
        <Alert ref={alertRef} title="Could not create the key">
          {errors.form}
        </Alert>
      )}
      <TextField ref={nameRef} label="Name" name="name" hint="What will use it, e.g. “Print shop sync”." maxLength={100} error={errors.fields.name} />
      <fieldset
        className={errors.fields.scopes ? 'fieldset field--invalid' : 'fieldset'}
        aria-describedby={errors.fields.scopes ? scopesErrorId : undefined}
      >
        <legend className="field__label">Scopes</legend>
        {SCOPES.map((s, index) => {
          const unavailable = s.contributor === true && !isContributor;
          return (
            <label key={s.scope} className="checkbox">
              <input ref={index === 0 ? firstScopeRef : undefined} type="checkbox" name="scopes" value={s.scope} disabled={unavailable} />
              <span>
                <code>{s.scope}</code> — {s.explanation}
                {unavailable && ' (contributors only)'}
              </span>
            </label>
          );
        })}
        {errors.fields.scopes && (
          <p className="field__error" id={scopesErrorId}>
            <span aria-hidden="true">⚠ </span>
            <span className="visually-hidden">Error:</span> {errors.fields.scopes}
          </p>
        )}
      </fieldset>
      <div className="actions">
        <Button type="submit" loading={create.isPending} loadingText="Creating…">
          Create key
        </Button>
      </div>
    </form>
  );
}
