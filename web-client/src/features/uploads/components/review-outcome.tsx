import { useId, useState } from 'react';
import type { components } from '@/api/schema';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useAppealDecline } from '../api/appeal-decline';

type Review = components['schemas']['ReviewOutcome'];

const OUTCOME_TITLES: Record<string, string> = {
  publish: 'Published by the editors',
  send_back: 'Sent back for changes',
  decline: 'Declined',
};

/** The editors' latest decision in their own words, and — for a decline — the one appeal the contributor has. */
export function ReviewOutcomePanel({ assetId, review }: { assetId: string; review: Review }) {
  const appeal = useAppealDecline();
  const [note, setNote] = useState('');
  const noteId = useId();
  const decided = new Date(review.decidedAt).toLocaleDateString(undefined, { dateStyle: 'medium' });

  return (
    <section className="card review-outcome" aria-labelledby={`${noteId}-title`}>
      <h2 id={`${noteId}-title`} className="review-outcome__title">
        {OUTCOME_TITLES[review.outcome] ?? review.outcome}
        {review.onAppeal && ' (on appeal, final)'}
      </h2>
      <p className="muted">Decided {decided}</p>
      {review.reasons.length > 0 && (
        <ul className="review-outcome__reasons">
          {review.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {review.note && <blockquote className="review-outcome__note">{review.note}</blockquote>}
      {review.canAppeal && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            appeal.mutate({ id: assetId, note });
          }}
        >
          <label htmlFor={noteId}>Appeal this decision (once; a different editor decides, and that is final)</label>
          <textarea id={noteId} value={note} maxLength={2000} rows={3} onChange={(event) => setNote(event.target.value)} />
          <Button type="submit" variant="secondary" loading={appeal.isPending} loadingText="Sending appeal…">
            Appeal
          </Button>
        </form>
      )}
      {appeal.isError && <Alert title="Could not appeal">{appeal.error.message}</Alert>}
    </section>
  );
}
