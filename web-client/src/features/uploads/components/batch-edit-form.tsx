import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formErrorsFrom } from '@/lib/form-errors';
import { useUpdateMyAssets, type UpdateMyAssetsInput } from '../api/update-my-assets';
import { KeywordInput } from './keyword-input';
import { ReleasePicker, type ReleaseOption } from './release-picker';

type BatchEditFormProps = {
  assetIds: readonly string[];
  releases: readonly ReleaseOption[];
  onDone: (updatedCount: number) => void;
  onCancel: () => void;
};

/** One change applied to every selected photo; fields left empty change nothing. */
export function BatchEditForm({ assetIds, releases, onDone, onCancel }: BatchEditFormProps) {
  const id = useId();
  const update = useUpdateMyAssets();
  const [addKeywords, setAddKeywords] = useState<string[]>([]);
  const [removeKeywords, setRemoveKeywords] = useState<string[]>([]);
  const [editorial, setEditorial] = useState<'keep' | 'yes' | 'no'>('keep');
  const [releaseIds, setReleaseIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const nothing = addKeywords.length === 0 && removeKeywords.length === 0 && editorial === 'keep' && releaseIds.length === 0;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    if (nothing) {
      setError('Choose at least one change to apply.');
      return;
    }
    const body: UpdateMyAssetsInput = { assetIds: [...assetIds] };
    if (addKeywords.length > 0) body.addKeywords = addKeywords;
    if (removeKeywords.length > 0) body.removeKeywords = removeKeywords;
    if (editorial !== 'keep') body.editorialOnly = editorial === 'yes';
    if (releaseIds.length > 0) body.releaseIds = releaseIds;
    setError(null);
    update.mutate(body, {
      onSuccess: (result) => onDone(result.items.length),
      onError: (e) => setError(formErrorsFrom(e, []).form),
    });
  }

  return (
    <form className="form batch-form card" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        Edit {assetIds.length} selected {assetIds.length === 1 ? 'photo' : 'photos'}
      </h2>
      {error && <Alert title="Could not apply the changes">{error}</Alert>}
      <KeywordInput label="Add keywords" value={addKeywords} onChange={setAddKeywords} hint="Press Enter or type a comma after each keyword." />
      <KeywordInput label="Remove keywords" value={removeKeywords} onChange={setRemoveKeywords} />
      <div className="field">
        <label className="field__label" htmlFor={`${id}-editorial`}>
          Editorial use only
        </label>
        <select id={`${id}-editorial`} className="field__input" value={editorial} onChange={(e) => setEditorial(e.currentTarget.value as typeof editorial)}>
          <option value="keep">Leave as it is</option>
          <option value="yes">Editorial use only</option>
          <option value="no">Commercial use allowed</option>
        </select>
      </div>
      <ReleasePicker releases={releases} selected={releaseIds} onChange={setReleaseIds} legend="Attach releases" />
      <div className="actions">
        <Button type="submit" loading={update.isPending} loadingText="Applying…">
          Apply to {assetIds.length} {assetIds.length === 1 ? 'photo' : 'photos'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
