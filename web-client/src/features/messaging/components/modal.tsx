import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A modal `<dialog>` at the document root: focus stays inside, Escape closes it, and focus goes back to
 * whatever opened it (the caller keeps that element's ref).
 */
export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: (headingId: string) => ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
  }, []);

  return createPortal(
    <dialog
      ref={dialog}
      className="dialog messaging-dialog"
      aria-labelledby={headingId}
      // Escape fires `cancel`; the parent unmounts us, which closes the dialog.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={headingId} className="dialog__title">
        {title}
      </h2>
      {children(headingId)}
    </dialog>,
    document.body,
  );
}
