import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { formErrorsFrom } from '@/lib/form-errors';
import { shareUrl, useShareLightbox } from '../api/share-lightbox';
import { useUnshareLightbox } from '../api/unshare-lightbox';

/** Share a lightbox as a read-only link (copy it), or stop sharing so the link stops working. */
export function ShareControls({ lightboxId, name, shareToken }: { lightboxId: string; name: string; shareToken: string | null | undefined }) {
  const share = useShareLightbox();
  const unshare = useUnshareLightbox();
  const [message, setMessage] = useState('');
  const linkId = useId();
  const url = shareToken ? shareUrl(shareToken) : null;

  async function copy(link: string) {
    try {
      await navigator.clipboard.writeText(link);
      setMessage('Link copied.');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): the link is selectable instead.
      setMessage('Copy the link from the box.');
    }
  }

  return (
    <div className="share">
      {url ? (
        <>
          <label htmlFor={linkId} className="field__label">
            Read-only link to “{name}”
          </label>
          <div className="inline-form">
            <input id={linkId} className="field__input" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
            <Button variant="secondary" onClick={() => void copy(url)}>
              Copy link
            </Button>
            <Button
              variant="ghost"
              loading={unshare.isPending}
              onClick={() =>
                unshare.mutate(lightboxId, {
                  onSuccess: () => setMessage('Sharing stopped: the old link no longer works.'),
                  onError: (e) => setMessage(formErrorsFrom(e, []).form ?? 'Could not stop sharing.'),
                })
              }
            >
              Stop sharing
            </Button>
          </div>
        </>
      ) : (
        <Button
          variant="secondary"
          loading={share.isPending}
          loadingText="Creating a link…"
          onClick={() =>
            share.mutate(lightboxId, {
              onSuccess: (result) => void copy(shareUrl(result.token)).then(() => setMessage((m) => `Anyone with the link can view it. ${m}`)),
              onError: (e) => setMessage(formErrorsFrom(e, []).form ?? 'Could not share.'),
            })
          }
        >
          Share “{name}”
        </Button>
      )}
      <p role="status" className="share__status">
        {message}
      </p>
    </div>
  );
}
