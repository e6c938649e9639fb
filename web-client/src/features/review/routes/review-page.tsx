import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { ApiError } from '@/api/problem';
import { useDecideAsset, type Outcome } from '../api/decide-asset';
import { useDecideAssets } from '../api/decide-assets';
import { NO_FILTERS, useReviewQueue, type QueueFilters, type QueueItem } from '../api/get-review-queue';
import { useReviewReasons } from '../api/list-review-reasons';
import { itemTitle, QueueItemDetail } from '../components/queue-item-detail';
import { OUTCOME_LABELS, ReasonPicker } from '../components/reason-picker';
import { ShortcutLegend } from '../components/shortcut-legend';
import { formatDuration } from '../lib/format-duration';
import { ClaimBatchButton } from '../components/claim-batch-button';

type Message = { tone: 'error' | 'info' | 'success'; text: string };
type PickerOutcome = Exclude<Outcome, 'publish'>;
/** The picker decides either the selected photo or every marked one. */
type Picker = { outcome: PickerOutcome; batch: boolean };

const PAST_TENSE: Record<Outcome, string> = { publish: 'Published', send_back: 'Sent back', decline: 'Declined' };

/** Keys typed into a text field are text, not shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type);
}

/** The editors' desk: the queue oldest first, one photo at a time, decided from the keyboard. */
export function ReviewPage() {
  const [filters, setFilters] = useState<QueueFilters>(NO_FILTERS);
  const queue = useReviewQueue(filters);
  const reasons = useReviewReasons();
  const decide = useDecideAsset();
  const decideMany = useDecideAssets();
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [picker, setPicker] = useState<Picker | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const deskRef = useRef<HTMLDivElement>(null);
  const selectedRef = useRef<HTMLButtonElement>(null);

  const items = queue.data?.items ?? [];
  const found = items.findIndex((i) => i.assetId === selectedId);
  const index = found >= 0 ? found : items.length > 0 ? 0 : -1;
  const selected: QueueItem | undefined = items[index];
  const next = items[index + 1];
  const markedItems = items.filter((i) => marked.has(i.assetId));
  const pending = decide.isPending || decideMany.isPending;

  // Another filter shows other photos; marks on hidden ones would be decided unseen.
  const [lastFilters, setLastFilters] = useState(filters);
  if (lastFilters !== filters) {
    setLastFilters(filters);
    setMarked(new Set());
  }

  // The photo after this one is usually next on screen: fetch its image while this one is judged.
  const nextUrl = next?.thumbnail?.url;
  useEffect(() => {
    if (!nextUrl) return;
    const image = new Image();
    image.src = nextUrl;
  }, [nextUrl]);

  useEffect(() => {
    selectedRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected?.assetId]);

  function move(by: number) {
    if (items.length === 0) return;
    const to = Math.min(items.length - 1, Math.max(0, index + by));
    setSelectedId(items[to]!.assetId);
  }

  /** After `item` leaves the list, the one below it (or above, at the end) is selected. */
  function advancePast(item: QueueItem) {
    const at = items.findIndex((i) => i.assetId === item.assetId);
    const following = items[at + 1] ?? items[at - 1];
    setSelectedId(following?.assetId ?? null);
  }

  function closePicker() {
    setPicker(null);
    deskRef.current?.focus();
  }

  function toggleMark(id: string) {
    setMarked((current) => {
      const nextMarks = new Set(current);
      if (nextMarks.has(id)) nextMarks.delete(id);
      else nextMarks.add(id);
      return nextMarks;
    });
  }

  function openPicker(outcome: PickerOutcome, batch = false) {
    if (batch) {
      setMessage(null);
      setPicker({ outcome, batch });
      return;
    }
    if (!selected) return;
    if (outcome === 'send_back' && selected.onAppeal) {
      setMessage({ tone: 'info', text: 'An appeal is decided by publishing or declining; it cannot be sent back.' });
      return;
    }
    setMessage(null);
    setPicker({ outcome, batch });
  }

  function submitMarked(outcome: Outcome, reasonCodes: string[], note: string) {
    const chosen = markedItems;
    if (chosen.length === 0 || pending) return;
    const titles = new Map(chosen.map((i) => [i.assetId, itemTitle(i)]));
    setMessage(null);
    decideMany.mutate(
      { assetIds: chosen.map((i) => i.assetId), outcome, reasonCodes, note },
      {
        onSuccess: (result) => {
          const failed = new Set(result.failed.filter((f) => f.status !== 409).map((f) => f.assetId));
          setMarked(failed);
          if (selected && !failed.has(selected.assetId) && chosen.some((c) => c.assetId === selected.assetId)) {
            setSelectedId(items.find((i) => !titles.has(i.assetId) || failed.has(i.assetId))?.assetId ?? null);
          }
          if (picker) closePicker();
          const done = result.decided.length;
          const problems = result.failed.map((f) => `“${titles.get(f.assetId) ?? f.assetId}”: ${f.detail}`);
          setMessage({
            tone: problems.length > 0 ? 'error' : 'success',
            text:
              `${PAST_TENSE[outcome]} ${done === 1 ? '1 photo' : `${done} photos`}.` +
              (problems.length > 0 ? ` Not decided: ${problems.join(' ')}` : ''),
          });
        },
        onError: (error) => {
          setMessage({ tone: 'error', text: error instanceof ApiError ? error.message : 'The decisions could not be saved.' });
        },
      },
    );
  }

  function submit(outcome: Outcome, reasonCodes: string[], note: string) {
    const item = selected;
    if (!item || pending) return;
    const title = itemTitle(item);
    setMessage(null);
    decide.mutate(
      { assetId: item.assetId, outcome, reasonCodes, note },
      {
        onSuccess: () => {
          advancePast(item);
          setMessage({ tone: 'success', text: `${PAST_TENSE[outcome]} “${title}”.` });
          if (picker) closePicker();
        },
        onError: (error) => {
          const detail = error instanceof ApiError ? error.message : 'The decision could not be saved. Try again.';
          if (error instanceof ApiError && error.status === 409) {
            advancePast(item);
            if (picker) closePicker();
            setMessage({ tone: 'info', text: `“${title}” was already decided and has left the queue. ${detail}` });
            return;
          }
          if (error instanceof ApiError && error.status === 403 && picker) closePicker();
          setMessage({ tone: 'error', text: detail });
        },
      },
    );
  }

  // Shortcuts work anywhere on the page except while typing; the picker handles its own keys.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (picker || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      const actions: Record<string, () => void> = {
        j: () => move(1),
        ArrowDown: () => move(1),
        k: () => move(-1),
        ArrowUp: () => move(-1),
        p: () => selected && submit('publish', [], ''),
        s: () => openPicker('send_back'),
        d: () => openPicker('decline'),
        x: () => selected && toggleMark(selected.assetId),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  const total = queue.data?.total ?? 0;

  // Only the oldest QUEUE_LIMIT are loaded; once they are all decided, fetch the next batch.
  const exhausted = queue.isSuccess && items.length === 0 && total > 0 && !queue.isFetching;
  const { refetch } = queue;
  useEffect(() => {
    if (exhausted) void refetch();
  }, [exhausted, refetch]);

  return (
    <div className="review">
      <div className="page-head">
        <PageHeading title="Review queue">Review queue</PageHeading>
        <nav aria-label="Board" className="review__subnav">
          <Link to="/review/applications">Applications</Link> · <Link to="/review/collections">Collections</Link> ·{' '}
          <Link to="/review/stats">Review times</Link>
        </nav>
        <ClaimBatchButton />
      </div>

      <fieldset className="review__filters">
        <legend className="visually-hidden">Show only</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.flagged}
            onChange={(e) => setFilters((f) => ({ ...f, flagged: e.target.checked }))}
          />
          Flagged near-duplicates
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.editorialOnly}
            onChange={(e) => setFilters((f) => ({ ...f, editorialOnly: e.target.checked }))}
          />
          Editorial only
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.missingRelease}
            onChange={(e) => setFilters((f) => ({ ...f, missingRelease: e.target.checked }))}
          />
          Missing releases
        </label>
        {filters.contributor && (
          <button
            type="button"
            className="chip"
            onClick={() => setFilters((f) => ({ ...f, contributor: undefined }))}
            aria-label={`Stop showing only ${filters.contributor.name}'s photos`}
          >
            Contributor: {filters.contributor.name} ✕
          </button>
        )}
        {filters.batch && (
          <button
            type="button"
            className="chip"
            onClick={() => setFilters((f) => ({ ...f, batch: undefined }))}
            aria-label="Stop showing only this batch"
          >
            Batch: {filters.batch.label} ✕
          </button>
        )}
      </fieldset>

      {message && (
        <Alert tone={message.tone} title={message.tone === 'error' ? 'Not decided' : undefined}>
          {message.text}
        </Alert>
      )}

      {markedItems.length > 0 && (
        <div className="selection-bar" role="region" aria-label="Marked photos">
          <span aria-live="polite">{markedItems.length} marked</span>
          <Button loading={decideMany.isPending} onClick={() => submitMarked('publish', [], '')}>
            Publish marked
          </Button>
          <Button
            variant="secondary"
            onClick={() => openPicker('send_back', true)}
            disabled={markedItems.some((i) => i.onAppeal)}
            title={markedItems.some((i) => i.onAppeal) ? 'Appeals cannot be sent back' : undefined}
          >
            Send back marked…
          </Button>
          <Button variant="secondary" onClick={() => openPicker('decline', true)}>
            Decline marked…
          </Button>
          <Button variant="ghost" onClick={() => setMarked(new Set())}>
            Clear marks
          </Button>
        </div>
      )}

      {queue.isPending ? (
        <Spinner label="Loading the queue…" />
      ) : queue.isError ? (
        <Alert title="The queue could not be loaded">{queue.error.message}</Alert>
      ) : (
        <div className="review__desk" ref={deskRef} tabIndex={-1} aria-label="Review desk">
          <p className="review__total" aria-live="polite">
            {total === 1 ? '1 photo waiting' : `${total} photos waiting`}
            {items.length < total && ` (showing the oldest ${items.length})`}
          </p>
          {items.length === 0 && total > 0 ? (
            <Spinner label="Loading the next photos…" />
          ) : items.length === 0 ? (
            <p className="empty">Nothing waiting for review. Well done.</p>
          ) : (
            <div className="review__grid">
              <ol className="review__list" aria-label="Waiting photos, oldest first">
                {items.map((item, i) => (
                  <li key={item.assetId} className="review__row">
                    <input
                      type="checkbox"
                      className="review__mark"
                      checked={marked.has(item.assetId)}
                      onChange={() => toggleMark(item.assetId)}
                      aria-label={`Mark ${itemTitle(item)}`}
                    />
                    <button
                      type="button"
                      ref={i === index ? selectedRef : undefined}
                      className={['review__item', i === index ? 'review__item--selected' : null].filter(Boolean).join(' ')}
                      aria-current={i === index ? 'true' : undefined}
                      onClick={() => setSelectedId(item.assetId)}
                    >
                      <span className="review__item-title">{itemTitle(item)}</span>
                      <span className="review__item-meta">
                        {item.contributorName} · waiting {formatDuration(item.waitingSeconds)}
                        {item.batchWaiting > 1 && ` · batch of ${item.batchWaiting}`}
                        {item.onAppeal && <span className="badge badge--appeal">On appeal</span>}
                      </span>
                    </button>
                  </li>
                ))}
              </ol>
              {selected && (
                <div className="review__focus">
                  <p className="visually-hidden" aria-live="polite">
                    Photo {index + 1} of {items.length}: {itemTitle(selected)}
                  </p>
                  <div className="review__narrow">
                    {selected.batchId && selected.batchWaiting > 1 && !filters.batch && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          setFilters((f) => ({
                            ...f,
                            batch: {
                              id: selected.batchId!,
                              label: `${selected.contributorName}, ${selected.batchWaiting} photos`,
                            },
                          }))
                        }
                      >
                        Review this batch of {selected.batchWaiting} together
                      </button>
                    )}
                    {!filters.contributor && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          setFilters((f) => ({
                            ...f,
                            contributor: { id: selected.contributorId, name: selected.contributorName },
                          }))
                        }
                      >
                        Only {selected.contributorName}’s photos
                      </button>
                    )}
                  </div>
                  <QueueItemDetail item={selected} />
                  {picker ? (
                    <ReasonPicker
                      key={`${picker.batch ? 'marked' : selected.assetId}-${picker.outcome}`}
                      outcome={picker.outcome}
                      reasons={reasons.data ?? []}
                      assetTitle={
                        picker.batch
                          ? `${markedItems.length} marked ${markedItems.length === 1 ? 'photo' : 'photos'}`
                          : itemTitle(selected)
                      }
                      pending={pending}
                      onConfirm={(codes, note) =>
                        picker.batch ? submitMarked(picker.outcome, codes, note) : submit(picker.outcome, codes, note)
                      }
                      onCancel={closePicker}
                    />
                  ) : (
                    <div className="actions">
                      <Button loading={pending} onClick={() => submit('publish', [], '')}>
                        {OUTCOME_LABELS.publish} <kbd className="kbd">p</kbd>
                      </Button>
                      <Button variant="secondary" onClick={() => openPicker('send_back')} disabled={selected.onAppeal}>
                        {OUTCOME_LABELS.send_back}… <kbd className="kbd">s</kbd>
                      </Button>
                      <Button variant="secondary" onClick={() => openPicker('decline')}>
                        {OUTCOME_LABELS.decline}… <kbd className="kbd">d</kbd>
                      </Button>
                    </div>
                  )}
                  {reasons.isError && <Alert>The reason catalogue could not be loaded: {reasons.error.message}</Alert>}
                </div>
              )}
            </div>
          )}
        </div>
      )}

      <ShortcutLegend />
    </div>
  );
}
