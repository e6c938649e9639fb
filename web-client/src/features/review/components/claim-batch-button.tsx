import { Button } from '@/components/ui/button';
import { useClaimReviewBatch } from '../api/claim-review-batch';

/** Takes the next 20 oldest unclaimed photos, so colleagues working at the same time never overlap. */
export function ClaimBatchButton() {
  const claim = useClaimReviewBatch();
  return (
    <p className="review__claim" aria-live="polite">
      <Button variant="secondary" loading={claim.isPending} onClick={() => claim.mutate(20)}>
        Claim the next 20
      </Button>{' '}
      {claim.isSuccess &&
        (claim.data.assetIds.length === 0
          ? 'Nothing left to claim.'
          : `${claim.data.assetIds.length} photos are yours for 30 minutes.`)}
      {claim.isError && claim.error.message}
    </p>
  );
}
