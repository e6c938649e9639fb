import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formErrorsFrom } from '@/lib/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';
import { MARKDOWN_HINT } from './markdown-hint';

/** The reply form under a conversation. Ctrl+Enter (⌘+Enter on a Mac) sends, like most mail clients. */
export function ReplyBox({
  label = 'Your reply',
  onSend,
  pending,
  disabledReason,
}: {
  label?: string;
  onSend: (body: string) => Promise<unknown>;
  pending: boolean;
  /** Why replying is not possible (e.g. a block), shown instead of the form. */
  disabledReason?: string | null;
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  if (disabledReason) return <Alert tone="info">{disabledReason}</Alert>;

  async function send() {
    if (pending) return;
    if (!body.trim()) {
      setError('Write something before sending.');
      return;
    }
    setError(null);
    setFormError(null);
    try {
      await onSend(body.trim());
      setBody('');
    } catch (e) {
      const errors = formErrorsFrom(e, ['body'] as const);
      setError(errors.fields.body ?? null);
      setFormError(errors.form);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <form ref={form} className="form reply-box" noValidate onSubmit={onSubmit}>
      {formError && <Alert title="Not sent">{formError}</Alert>}
      <TextAreaField
        label={label}
        name="body"
        rows={4}
        hint={`${MARKDOWN_HINT} Ctrl+Enter sends.`}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={onKeyDown}
        error={error ?? undefined}
      />
      <div className="actions">
        <Button type="submit" loading={pending} loadingText="Sending…">
          Send
        </Button>
      </div>
    </form>
  );
}
