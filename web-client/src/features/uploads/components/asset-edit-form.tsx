import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, problemStrings } from '@/api/problem';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import type { AssetDetail } from '../api/get-my-assets';
import { useSubmitMyAsset } from '../api/submit-my-asset';
import { useUpdateMyAsset, type UpdateMyAssetInput } from '../api/update-my-asset';
import { canSubmit } from '../lib/asset-status';
import { basisPointsToPercent, sharesError, toContributors, type ShareRow } from '../lib/shares';
import { ContributorsField } from './contributors-field';
import { KeywordInput } from './keyword-input';
import { MissingList } from './missing-list';
import { ReleasePicker, type ReleaseOption } from './release-picker';

export const TITLE_MAX = 70;
export const KEYWORDS = { min: 7, max: 50 } as const;

const FIELDS = ['title', 'description', 'keywords', 'editorialOnly', 'showsPeople', 'showsProperty', 'contributors', 'releaseIds'] as const;
type Field = (typeof FIELDS)[number];

type Values = {
  title: string;
  description: string;
  keywords: string[];
  editorialOnly: boolean;
  showsPeople: boolean;
  showsProperty: boolean;
  contributors: ShareRow[];
  releaseIds: string[];
};

function valuesFrom(asset: AssetDetail, ownerId: string | null, ownerName: string | null): Values {
  const contributors: ShareRow[] =
    asset.contributors.length > 0
      ? asset.contributors.map((c) => ({ userId: c.userId, displayName: c.displayName, percent: basisPointsToPercent(c.shareBasisPoints) }))
      : ownerId
        ? [{ userId: ownerId, displayName: ownerName, percent: '100' }]
        : [];
  return {
    title: asset.title ?? '',
    description: asset.description ?? '',
    keywords: [...asset.keywords],
    editorialOnly: asset.editorialOnly,
    showsPeople: asset.showsPeople,
    showsProperty: asset.showsProperty,
    contributors,
    releaseIds: asset.releases.map((r) => r.id),
  };
}

function bodyFrom(values: Values): UpdateMyAssetInput {
  return {
    title: values.title.trim() === '' ? null : values.title.trim(),
    description: values.description.trim() === '' ? null : values.description.trim(),
    keywords: values.keywords,
    editorialOnly: values.editorialOnly,
    showsPeople: values.showsPeople,
    showsProperty: values.showsProperty,
    contributors: toContributors(values.contributors),
    releaseIds: values.releaseIds,
  };
}

type AssetEditFormProps = {
  asset: AssetDetail;
  releases: readonly ReleaseOption[];
  /** The signed-in contributor, credited with 100% when the asset lists nobody yet. */
  owner: { id: string; displayName: string } | null;
  /** Ids of releases uploaded from this page, to select as they arrive. */
  addedReleaseIds?: readonly string[];
};

/**
 * The metadata of one asset. Save sends every field (a PATCH of the whole form); "Submit for review"
 * saves unsaved changes first, then asks the server, which answers with what is missing.
 */
export function AssetEditForm({ asset, releases, owner, addedReleaseIds = [] }: AssetEditFormProps) {
  const id = useId();
  const update = useUpdateMyAsset();
  const submit = useSubmitMyAsset();
  const [saved, setSaved] = useState(() => valuesFrom(asset, owner?.id ?? null, owner?.displayName ?? null));
  const [values, setValues] = useState(saved);
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const [missing, setMissing] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const keywordsRef = useRef<HTMLInputElement>(null);
  const contributorsRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const missingRef = useRef<HTMLDivElement>(null);
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);
  const submittable = canSubmit(asset.status);

  // The server's copy changes under the form when processing ends (the metadata read from the
  // file arrives) or after a save; untouched forms follow it, edits in progress are kept.
  const [seenAsset, setSeenAsset] = useState(asset);
  if (seenAsset !== asset) {
    setSeenAsset(asset);
    if (!dirty) {
      const next = valuesFrom(asset, owner?.id ?? null, owner?.displayName ?? null);
      setSaved(next);
      setValues(next);
    }
  }

  // A release uploaded from the page is selected for this asset straight away.
  const [seenAdded, setSeenAdded] = useState(addedReleaseIds);
  if (seenAdded !== addedReleaseIds) {
    setSeenAdded(addedReleaseIds);
    const fresh = addedReleaseIds.filter((r) => !values.releaseIds.includes(r));
    if (fresh.length > 0) setValues({ ...values, releaseIds: [...values.releaseIds, ...fresh] });
  }

  useEffect(() => {
    const focusable: Partial<Record<Field, { current: HTMLElement | null }>> = {
      title: titleRef,
      description: descriptionRef,
      keywords: keywordsRef,
      contributors: contributorsRef,
    };
    const first = FIELDS.find((f) => errors.fields[f] && focusable[f]);
    if (first) focusable[first]?.current?.focus();
    else if (errors.form) alertRef.current?.focus();
  }, [errors]);

  useEffect(() => {
    if (missing.length > 0) missingRef.current?.focus();
  }, [missing]);

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    setNotice(null);
  }

  function validate(): FormErrors<Field> {
    const fields: FormErrors<Field>['fields'] = {};
    if (values.title.length > TITLE_MAX) fields.title = `Keep the title to ${TITLE_MAX} characters.`;
    const shares = sharesError(values.contributors);
    if (shares) fields.contributors = shares;
    return { fields, form: null };
  }

  /** Resolves true when the values are stored (or nothing needed storing). */
  async function save(): Promise<boolean> {
    const clientErrors = validate();
    setErrors(clientErrors);
    setMissing([]);
    if (Object.keys(clientErrors.fields).length > 0) return false;
    if (!dirty) return true;
    try {
      const updated = await update.mutateAsync({ id: asset.id, body: bodyFrom(values) });
      const next = valuesFrom(updated, owner?.id ?? null, owner?.displayName ?? null);
      setSaved(next);
      setValues(next);
      return true;
    } catch (error) {
      setErrors(formErrorsFrom(error, FIELDS));
      return false;
    }
  }

  async function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending || submit.isPending) return;
    if (await save()) setNotice('Your changes are saved.');
  }

  async function onSubmitForReview() {
    if (update.isPending || submit.isPending) return;
    setNotice(null);
    if (!(await save())) return;
    try {
      await submit.mutateAsync(asset.id);
      setNotice('Submitted for review. The editors will look at it soon.');
    } catch (error) {
      const list = error instanceof ApiError && error.status === 409 ? problemStrings(error.problem, 'missing') : [];
      if (list.length > 0) setMissing(list);
      else setErrors(formErrorsFrom(error, FIELDS));
    }
  }

  return (
    <form className="form asset-form" noValidate onSubmit={onSave} aria-label="Photo details">
      {errors.form && (
        <Alert ref={alertRef} title="Could not save">
          {errors.form}
        </Alert>
      )}
      {missing.length > 0 && <MissingList ref={missingRef} missing={missing} />}

      <TextField
        ref={titleRef}
        label="Title"
        name="title"
        value={values.title}
        maxLength={TITLE_MAX}
        onChange={(e) => set('title', e.currentTarget.value)}
        hint={`${values.title.length} of ${TITLE_MAX} characters`}
        error={errors.fields.title}
      />

      <div className={['field', errors.fields.description ? 'field--invalid' : null].filter(Boolean).join(' ')}>
        <label className="field__label" htmlFor={`${id}-description`}>
          Description
        </label>
        <textarea
          ref={descriptionRef}
          id={`${id}-description`}
          name="description"
          className="field__input"
          rows={4}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          aria-invalid={errors.fields.description ? true : undefined}
          aria-describedby={errors.fields.description ? `${id}-description-error` : undefined}
        />
        {errors.fields.description && (
          <p className="field__error" id={`${id}-description-error`}>
            {errors.fields.description}
          </p>
        )}
      </div>

      <KeywordInput
        ref={keywordsRef}
        label="Keywords"
        value={values.keywords}
        onChange={(k) => set('keywords', k)}
        range={KEYWORDS}
        hint="Press Enter or type a comma after each keyword. Backspace removes the last one."
        error={errors.fields.keywords}
      />

      <fieldset className="fieldset">
        <legend className="field__label">Usage and content</legend>
        <label className="checkbox">
          <input type="checkbox" checked={values.editorialOnly} onChange={(e) => set('editorialOnly', e.currentTarget.checked)} />
          <span>Editorial use only</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={values.showsPeople} onChange={(e) => set('showsPeople', e.currentTarget.checked)} />
          <span>Shows recognisable people</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={values.showsProperty} onChange={(e) => set('showsProperty', e.currentTarget.checked)} />
          <span>Shows private property or artwork</span>
        </label>
        {(values.showsPeople || values.showsProperty) && !values.editorialOnly && values.releaseIds.length === 0 && (
          <p className="field__hint">Attach a release for the people or property shown, or mark the photo editorial-only.</p>
        )}
        {errors.fields.editorialOnly && <p className="field__error">{errors.fields.editorialOnly}</p>}
        {errors.fields.showsPeople && <p className="field__error">{errors.fields.showsPeople}</p>}
        {errors.fields.showsProperty && <p className="field__error">{errors.fields.showsProperty}</p>}
      </fieldset>

      <ContributorsField
        ref={contributorsRef}
        rows={values.contributors}
        onChange={(rows) => set('contributors', rows)}
        ownerId={owner?.id ?? null}
        error={errors.fields.contributors}
      />

      <ReleasePicker
        releases={releases}
        selected={values.releaseIds}
        onChange={(ids) => set('releaseIds', ids)}
        legend="Attached releases"
        error={errors.fields.releaseIds}
      />

      <div className="actions">
        <Button type="submit" variant={submittable ? 'secondary' : 'primary'} loading={update.isPending && !submit.isPending} loadingText="Saving…">
          Save
        </Button>
        {submittable && (
          <Button onClick={() => void onSubmitForReview()} loading={submit.isPending} loadingText="Submitting…">
            Submit for review
          </Button>
        )}
        <span role="status" className="actions__status">
          {notice ?? (dirty ? 'Unsaved changes' : '')}
        </span>
      </div>
    </form>
  );
}
