import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { useCollections, useCreateCollection } from '../api/collections';
import { parseAssetIds } from '../lib/parse-asset-ids';

const FIELDS = ['title', 'description', 'featured', 'published', 'assetIds', 'coverAssetId'] as const;
type Field = (typeof FIELDS)[number];

/** Editors curate collections: create one, and see the published ones. */
export function CollectionsPage() {
  const collections = useCollections();
  const create = useCreateCollection();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [featured, setFeatured] = useState(false);
  const [published, setPublished] = useState(false);
  const [assetIds, setAssetIds] = useState('');
  const [coverAssetId, setCoverAssetId] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const [created, setCreated] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    create.mutate(
      {
        title: title.trim(),
        description: description.trim() === '' ? null : description.trim(),
        featured,
        published,
        assetIds: parseAssetIds(assetIds),
        coverAssetId: coverAssetId.trim() === '' ? null : coverAssetId.trim(),
      },
      {
        onSuccess: (collection) => {
          setErrors(noErrors);
          setCreated(collection.title);
          setTitle('');
          setDescription('');
          setFeatured(false);
          setPublished(false);
          setAssetIds('');
          setCoverAssetId('');
        },
        onError: (error) => setErrors(formErrorsFrom(error, FIELDS)),
      },
    );
  }

  return (
    <>
      <div className="page-head">
        <PageHeading title="Collections">Collections</PageHeading>
        <Link to="/review">Review queue</Link>
      </div>

      <section aria-labelledby="new-collection">
        <h2 id="new-collection">New collection</h2>
        {created && <Alert tone="success">Created “{created}”.</Alert>}
        <form onSubmit={onSubmit} noValidate>
          {errors.form && <Alert title="The collection was not created">{errors.form}</Alert>}
          <TextField
            label="Title"
            name="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            error={errors.fields.title}
          />
          <div className={['field', errors.fields.description ? 'field--invalid' : null].filter(Boolean).join(' ')}>
            <label className="field__label" htmlFor="collection-description">
              Description
            </label>
            <textarea
              id="collection-description"
              className="field__input"
              rows={3}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              aria-invalid={errors.fields.description ? true : undefined}
            />
            {errors.fields.description && <p className="field__error">{errors.fields.description}</p>}
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={featured} onChange={(e) => setFeatured(e.target.checked)} /> Featured
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} /> Published
          </label>
          <div className={['field', errors.fields.assetIds ? 'field--invalid' : null].filter(Boolean).join(' ')}>
            <label className="field__label" htmlFor="collection-asset-ids">
              Asset ids
            </label>
            <p className="field__hint">One asset id per line.</p>
            <textarea
              id="collection-asset-ids"
              className="field__input"
              rows={6}
              value={assetIds}
              onChange={(e) => setAssetIds(e.target.value)}
              aria-invalid={errors.fields.assetIds ? true : undefined}
            />
            {errors.fields.assetIds && <p className="field__error">{errors.fields.assetIds}</p>}
          </div>
          <TextField
            label="Cover asset id (optional)"
            name="coverAssetId"
            value={coverAssetId}
            onChange={(e) => setCoverAssetId(e.target.value)}
            error={errors.fields.coverAssetId}
          />
          <Button type="submit" loading={create.isPending} loadingText="Creating…">
            Create collection
          </Button>
        </form>
      </section>

      <section aria-labelledby="published-collections">
        <h2 id="published-collections">Published collections</h2>
        {collections.isPending && <Spinner label="Loading collections…" />}
        {collections.isError && <Alert title="Could not load collections">{collections.error.message}</Alert>}
        {collections.data?.length === 0 && <p>No collections are published yet.</p>}
        {collections.data && collections.data.length > 0 && (
          <ul>
            {collections.data.map((c) => (
              <li key={c.id}>
                {c.title} ({c.assetCount === 1 ? '1 photo' : `${c.assetCount} photos`})
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
