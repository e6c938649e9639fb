import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useDeleteWebhookEndpoint } from '../api/delete-webhook-endpoint';
import type { WebhookEndpoint } from '../api/list-webhook-endpoints';
import { useRotateWebhookSecret } from '../api/rotate-webhook-secret';
import { useSendTestWebhook } from '../api/send-test-webhook';
import { useUpdateWebhookEndpoint } from '../api/update-webhook-endpoint';
import { SecretOnce } from './secret-once';
import { WebhookDeliveries } from './webhook-deliveries';

/** One endpoint: its events and state, rotate / on-off / test / delete, and its deliveries log. */
export function WebhookEndpointCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  const update = useUpdateWebhookEndpoint();
  const rotate = useRotateWebhookSecret();
  const test = useSendTestWebhook();
  const remove = useDeleteWebhookEndpoint();
  const [secret, setSecret] = useState<string | null>(null);
  const [showLog, setShowLog] = useState(false);
  const failure = update.error ?? rotate.error ?? test.error ?? remove.error;

  return (
    <article className="webhooks__endpoint" aria-label={endpoint.url}>
      <h3>
        <code>{endpoint.url}</code>
      </h3>
      {endpoint.description && <p>{endpoint.description}</p>}
      <p>
        {endpoint.enabled ? 'On' : 'Off'}
        {!endpoint.enabled && endpoint.disabledReason && ` — ${endpoint.disabledReason}`}
      </p>
      <p>
        Events:{' '}
        {endpoint.events.map((e, i) => (
          <span key={e}>
            {i > 0 && ', '}
            <code>{e}</code>
          </span>
        ))}
      </p>
      {endpoint.previousSecretExpiresAt && (
        <p>The previous secret also signs until {new Date(endpoint.previousSecretExpiresAt).toLocaleString()}.</p>
      )}
      {failure && <Alert title="That did not work">{failure.message}</Alert>}
      {test.isSuccess && (
        <Alert tone="info" title="Test event queued">
          A webhook.test event is on its way; watch the deliveries log.
        </Alert>
      )}
      {secret && (
        <SecretOnce
          secret={secret}
          note="The previous secret keeps signing alongside it for 24 hours, so update your receiver within a day."
          onDone={() => setSecret(null)}
        />
      )}
      <div className="webhooks__actions">
        <Button
          variant="secondary"
          loading={test.isPending}
          disabled={!endpoint.enabled}
          onClick={() => {
            setShowLog(true);
            test.mutate(endpoint.id);
          }}
        >
          Send test event
        </Button>
        <Button
          variant="secondary"
          loading={update.isPending}
          onClick={() => update.mutate({ id: endpoint.id, enabled: !endpoint.enabled })}
        >
          {endpoint.enabled ? 'Turn off' : 'Turn on'}
        </Button>
        <Button
          variant="secondary"
          loading={rotate.isPending}
          onClick={() => {
            if (window.confirm('Rotate the signing secret? The current one keeps working for 24 hours.'))
              rotate.mutate(endpoint.id, { onSuccess: (r) => setSecret(r.secret) });
          }}
        >
          Rotate secret
        </Button>
        <Button variant="secondary" aria-expanded={showLog} onClick={() => setShowLog((v) => !v)}>
          {showLog ? 'Hide deliveries' : 'Show deliveries'}
        </Button>
        <Button
          variant="ghost"
          loading={remove.isPending}
          onClick={() => {
            if (window.confirm(`Delete the endpoint ${endpoint.url} and its deliveries log?`)) remove.mutate(endpoint.id);
          }}
        >
          Delete
        </Button>
      </div>
      {showLog && <WebhookDeliveries endpointId={endpoint.id} enabled={endpoint.enabled} />}
    </article>
  );
}
