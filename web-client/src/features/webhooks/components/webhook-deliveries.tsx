import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useWebhookDeliveries } from '../api/list-webhook-deliveries';
import { useRedeliverWebhook } from '../api/redeliver-webhook';

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

/** The endpoint's deliveries log: status, attempts, response code, next attempt, and Redeliver. */
export function WebhookDeliveries({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const deliveries = useWebhookDeliveries(endpointId, true);
  const redeliver = useRedeliverWebhook();

  if (deliveries.isPending) return <Spinner label="Loading deliveries…" />;
  if (deliveries.isError) return <Alert title="Could not load the deliveries">{deliveries.error.message}</Alert>;
  if (deliveries.data.items.length === 0) return <p>No deliveries yet. Send a test event to try your receiver.</p>;

  return (
    <>
      {redeliver.isError && <Alert title="Not sent again">{redeliver.error.message}</Alert>}
      <table className="webhooks__deliveries">
        <caption className="visually-hidden">Deliveries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Response</th>
            <th scope="col">Next attempt</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.items.map((d) => (
            <tr key={d.id}>
              <td>
                <code>{d.eventType}</code>
              </td>
              <td>{d.status}</td>
              <td>{d.attempts}</td>
              <td title={d.lastError ?? undefined}>
                {d.lastStatusCode ?? (d.lastError ? 'No answer' : '—')}
                {d.lastError && <span className="webhooks__error"> {d.lastError}</span>}
              </td>
              <td>{when(d.nextAttemptAt)}</td>
              <td>{when(d.createdAt)}</td>
              <td>
                {d.status !== 'pending' && enabled && (
                  <Button
                    variant="secondary"
                    loading={redeliver.isPending && redeliver.variables.deliveryId === d.id}
                    onClick={() => redeliver.mutate({ id: endpointId, deliveryId: d.id })}
                    aria-label={`Redeliver ${d.eventType} from ${when(d.createdAt)}`}
                  >
                    Redeliver
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
