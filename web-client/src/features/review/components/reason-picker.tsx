import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { ReviewReason } from '../api/list-review-reasons';
import type { Outcome } from '../api/decide-asset';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  publish: 'Publish',
  send_back: 'Send back',
  decline: 'Decline',
};

type ReasonPickerProps = {
  outcome: Exclude<Outcome, 'publish'>;
  /** The whole catalogue; only the reasons that apply to `outcome` are offered. */
  reasons: ReviewReason[];
  assetTitle: string;
  pending: boolean;
  onConfirm: (reasonCodes: string[], note: string) => void;
  onCancel: () => void;
};

/**
 * Chooses the reasons for sending back or declining. Keyboard: 1–9 toggle the numbered reasons,
 * Tab goes to the note, Enter (Ctrl+Enter in the note) confirms, Escape cancels.
 */
export function ReasonPicker({ outcome, reasons, assetTitle, pending, onConfirm, onCancel }: ReasonPickerProps) {
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const offered = reasons.filter((r) => r.appliesTo.includes(outcome));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialogRef.current?.focus();
  }, []);

  function toggle(code: string) {
    setError(null);
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  }

  function confirm() {
    if (pending) return;
    // Keep the catalogue's order, so the request does not depend on the order of key presses.
    const codes = offered.filter((r) => chosen.has(r.code)).map((r) => r.code);
    if (codes.length === 0) {
      setError('Choose at least one reason.');
      return;
    }
    onConfirm(codes, note);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const inNote = target === noteRef.current;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key === 'Enter') {
      if (target.tagName === 'BUTTON') return; // the focused button does what it says
      if (inNote && !(event.ctrlKey || event.metaKey)) return; // a new line in the note
      event.preventDefault();
      confirm();
      return;
    }
    if (event.key === 'Tab' && !event.shiftKey && target === dialogRef.current) {
      // Straight from the picker to the note; the reasons have their number keys.
      event.preventDefault();
      noteRef.current?.focus();
      return;
    }
    if (!inNote && /^[1-9]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const reason = offered[Number(event.key) - 1];
      if (reason) {
        event.preventDefault();
        toggle(reason.code);
      }
    }
  }

  const verb = OUTCOME_LABELS[outcome];
  return (
    <div
      ref={dialogRef}
      className="reason-picker"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-help`}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <h2 id={`${id}-title`} className="reason-picker__title">
        {verb}: {assetTitle}
      </h2>
      <p id={`${id}-help`} className="muted">
        Press 1–{Math.min(9, offered.length)} to toggle a reason, Tab for the note, Enter to {verb.toLowerCase()}, Escape
        to cancel.
      </p>
      <fieldset className="fieldset">
        <legend>Reasons</legend>
        {offered.length === 0 && <p>No reasons in the catalogue apply to this outcome.</p>}
        <ol className="reason-picker__list">
          {offered.map((reason, index) => (
            <li key={reason.code}>
              <label className="checkbox">
                <input type="checkbox" checked={chosen.has(reason.code)} onChange={() => toggle(reason.code)} />
                {index < 9 && (
                  <kbd className="kbd" aria-hidden="true">
                    {index + 1}
                  </kbd>
                )}{' '}
                {reason.label}
              </label>
            </li>
          ))}
        </ol>
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>
          Note to the contributor (optional)
        </label>
        <textarea
          ref={noteRef}
          id={`${id}-note`}
          className="field__input"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={`${id}-note-hint`}
        />
        <p className="field__hint" id={`${id}-note-hint`}>
          Ctrl+Enter confirms from here.
        </p>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <Button onClick={confirm} loading={pending} loadingText="Saving…">
          {verb}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
