export const ASSET_STATUSES = ['draft', 'processing', 'inReview', 'sentBack', 'published', 'declined', 'appealed', 'failed'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export const STATUS_LABELS: Record<AssetStatus, string> = {
  draft: 'Draft',
  processing: 'Processing',
  inReview: 'In review',
  sentBack: 'Sent back',
  published: 'Published',
  declined: 'Declined',
  appealed: 'Appealed',
  failed: 'Failed',
};

/** The portfolio's filter tabs, in order; `null` is "All". */
export const STATUS_FILTERS: readonly { value: AssetStatus | null; label: string }[] = [
  { value: null, label: 'All' },
  { value: 'draft', label: 'Drafts' },
  { value: 'processing', label: 'Processing' },
  { value: 'inReview', label: 'In review' },
  { value: 'sentBack', label: 'Sent back' },
  { value: 'published', label: 'Published' },
  { value: 'declined', label: 'Declined' },
  { value: 'appealed', label: 'Appealed' },
  { value: 'failed', label: 'Failed' },
];

export function isAssetStatus(value: string | null | undefined): value is AssetStatus {
  return (ASSET_STATUSES as readonly string[]).includes(value ?? '');
}

/** Only drafts and assets sent back by the editors can be (re)submitted. */
export function canSubmit(status: string): boolean {
  return status === 'draft' || status === 'sentBack';
}
