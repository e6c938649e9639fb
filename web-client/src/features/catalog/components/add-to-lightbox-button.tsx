import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button } from '@/components/ui/button';
import { LightboxPicker } from './lightbox-picker';

/**
 * The tile's "add to lightbox" control. The picker opens in a modal dialog (focus is kept inside,
 * Escape closes it) rendered at the document root so the tile's hover styles cannot hide it.
 */
export function AddToLightboxButton({ assetId, title }: { assetId: string; title: string }) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const headingId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!open || !element) return;
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
  }, [open]);

  function close() {
    dialog.current?.close?.();
    setOpen(false);
    opener.current?.focus();
  }

  return (
    <>
      <button ref={opener} type="button" className="tile-action" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <span aria-hidden="true">＋</span>
        <span className="visually-hidden">Add “{title}” to a lightbox</span>
        <span className="tile-action__text" aria-hidden="true">
          Lightbox
        </span>
      </button>
      {open &&
        createPortal(
          <dialog ref={dialog} className="dialog" aria-labelledby={headingId} onClose={() => close()}>
            <h2 id={headingId} className="dialog__title">
              Add to a lightbox
            </h2>
            <LightboxPicker assetId={assetId} title={title} />
            <div className="actions">
              <Button variant="primary" onClick={close}>
                Done
              </Button>
            </div>
          </dialog>,
          document.body,
        )}
    </>
  );
}
