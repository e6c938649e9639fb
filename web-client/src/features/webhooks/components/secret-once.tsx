import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** A signing secret, shown once: the server never shows it again. */
export function SecretOnce({ secret, note, onDone }: { secret: string; note?: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert tone="success" title="Your signing secret">
      <p>Copy it now and keep it with your receiver: it is not shown again. {note}</p>
      <p>
        <code className="webhooks__secret" aria-label="Signing secret">
          {secret}
        </code>
      </p>
      <Button
        variant="secondary"
        onClick={() => {
          void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>{' '}
      <Button variant="ghost" onClick={onDone}>
        I have saved it
      </Button>
    </Alert>
  );
}
