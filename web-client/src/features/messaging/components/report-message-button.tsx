import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formErrorsFrom } from '@/lib/form-errors';
import { useReportMessage } from '../api/report-message';
import { Modal } from './modal';
import { TextAreaField } from '@/components/ui/text-area-field';

/** "Report" under someone else's message: asks for a reason; the message is hidden at once pending review. */
export function ReportMessageButton({ messageId, authorName, onReported }: { messageId: string; authorName: string; onReported: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const report = useReportMessage();

  function close() {
    setOpen(false);
    setError(null);
    opener.current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (report.isPending) return;
    if (!reason.trim()) {
      setError('Say what is wrong with this message, so the admins can judge it.');
      return;
    }
    try {
      await report.mutateAsync({ messageId, reason: reason.trim() });
      setOpen(false);
      onReported();
    } catch (e) {
      const errors = formErrorsFrom(e, ['reason'] as const);
      setError(errors.fields.reason ?? errors.form);
    }
  }

  return (
    <>
      <button ref={opener} type="button" className="link-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Report <span className="visually-hidden">this message from {authorName}</span>
      </button>
      {open && (
        <Modal title={`Report a message from ${authorName}`} onClose={close}>
          {() => (
            <form className="form" noValidate onSubmit={onSubmit}>
              <p>The message is hidden for everyone at once, until an admin decides to remove or restore it.</p>
              <TextAreaField
                label="Reason"
                name="reason"
                rows={3}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                error={error ?? undefined}
                autoFocus
              />
              {report.isError && !error && <Alert>Could not send the report.</Alert>}
              <div className="actions">
                <Button type="submit" loading={report.isPending} loadingText="Reporting…">
                  Report message
                </Button>
                <Button variant="ghost" onClick={close}>
                  Cancel
                </Button>
              </div>
            </form>
          )}
        </Modal>
      )}
    </>
  );
}
