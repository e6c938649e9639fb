import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { useCreateWebhookEndpoint } from '../api/create-webhook-endpoint';
import type { WebhookEventType } from '../api/list-webhook-endpoints';

const FIELDS = ['url', 'description', 'events'] as const;
type Field = (typeof FIELDS)[number];

/** Registers an endpoint: its address and the events it wants. Hands the one-time secret to the page. */
export function RegisterWebhookForm({ eventTypes, onCreated }: { eventTypes: WebhookEventType[]; onCreated: (secret: string) => void }) {
  const create = useCreateWebhookEndpoint();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const alertRef = useRef<HTMLDivElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (events.length === 0) {
      setErrors({ fields: { events: 'Choose at least one event to receive.' }, form: null });
      return;
    }
    setErrors(noErrors);
    create.mutate(
      { url: url.trim(), description: description.trim() || null, events },
      {
        onSuccess: (created) => {
          setUrl('');
          setDescription('');
          setEvents([]);
          onCreated(created.secret);
        },
        onError: (error) => {
          setErrors(formErrorsFrom(error, FIELDS));
          alertRef.current?.focus();
        },
      },
    );
  }

  return (
    <form className="webhooks__form" onSubmit={submit} noValidate>
      <h2>Register an endpoint</h2>
      {errors.form && (
        <Alert ref={alertRef} title="The endpoint was not registered">
          {errors.form}
        </Alert>
      )}
      <TextField
        label="Endpoint URL"
        name="url"
        type="url"
        inputMode="url"
        required
        placeholder="https://example.com/mediacoop/webhooks"
        hint="A public https:// address that answers 2xx. Redirects are not followed."
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={errors.fields.url}
      />
      <TextField
        label="Description (optional)"
        name="description"
        maxLength={200}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errors.fields.description}
      />
      <fieldset className="webhooks__events" aria-describedby={errors.fields.events ? 'webhook-events-error' : undefined}>
        <legend>Events to send</legend>
        {eventTypes.map((t) => (
          <label key={t.type} className="webhooks__event">
            <input
              type="checkbox"
              name="events"
              value={t.type}
              checked={events.includes(t.type)}
              onChange={(e) => setEvents((now) => (e.target.checked ? [...now, t.type] : now.filter((x) => x !== t.type)))}
            />{' '}
            <code>{t.type}</code> — {t.description}
          </label>
        ))}
        {errors.fields.events && (
          <p className="field__error" id="webhook-events-error">
            {errors.fields.events}
          </p>
        )}
      </fieldset>
      <Button type="submit" loading={create.isPending} loadingText="Registering…">
        Register endpoint
      </Button>
    </form>
  );
}
