import { useState } from 'react';
import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useWebhookEndpoints } from '../api/list-webhook-endpoints';
import { RegisterWebhookForm } from '../components/register-webhook-form';
import { SecretOnce } from '../components/secret-once';
import { WebhookEndpointCard } from '../components/webhook-endpoint-card';
import '../webhooks.css';

export function WebhooksPage() {
  const endpoints = useWebhookEndpoints();
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <>
      <PageHeading title="Webhooks">Webhooks</PageHeading>
      <AccountNav />
      <p>
        MediaCoop posts signed events to your endpoints (Standard Webhooks: <code>webhook-id</code>,{' '}
        <code>webhook-timestamp</code>, <code>webhook-signature</code>). Failed deliveries are retried with backoff for up
        to three days; an endpoint that answers 410 Gone is turned off.
      </p>
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
      {endpoints.isPending && <Spinner label="Loading your webhooks…" />}
      {endpoints.isError && <Alert title="Could not load your webhooks">{endpoints.error.message}</Alert>}
      {endpoints.data && (
        <>
          <section aria-labelledby="webhook-endpoints">
            <h2 id="webhook-endpoints">Your endpoints</h2>
            {endpoints.data.items.length === 0 && <p>No endpoints yet.</p>}
            {endpoints.data.items.map((e) => (
              <WebhookEndpointCard key={e.id} endpoint={e} />
            ))}
          </section>
          <RegisterWebhookForm eventTypes={endpoints.data.eventTypes} onCreated={setSecret} />
        </>
      )}
    </>
  );
}
