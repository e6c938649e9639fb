import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { formErrorsFrom } from '@/lib/form-errors';
import { useImportMetadata } from '../api/import-metadata';
import { ImportReport } from '../components/import-report';

export function ImportPage() {
  const id = useId();
  const importing = useImportMetadata();
  const [fileError, setFileError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (importing.isPending) return;
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError('Choose a CSV file.');
      fileRef.current?.focus();
      return;
    }
    setFileError(null);
    importing.mutate(file);
  }

  return (
    <div className="import-page">
      <p className="breadcrumb">
        <Link to="/portfolio">← My portfolio</Link>
      </p>
      <PageHeading title="Import metadata">Import metadata from a spreadsheet</PageHeading>
      <p className="lede">
        Upload a CSV with one row per photo, matched by <code>filename</code> (the name the file had when you uploaded it),
        with columns such as <code>title</code>, <code>description</code> and <code>keywords</code> (separated by
        commas or semicolons). Up to 5,000 rows.
      </p>
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Import metadata">
        <div className={['field', fileError ? 'field--invalid' : null].filter(Boolean).join(' ')}>
          <label className="field__label" htmlFor={`${id}-file`}>
            CSV file
          </label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            type="file"
            name="file"
            accept=".csv,text/csv"
            className="field__input"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${id}-error` : undefined}
          />
          {fileError && (
            <p className="field__error" id={`${id}-error`}>
              {fileError}
            </p>
          )}
        </div>
        <Button type="submit" loading={importing.isPending} loadingText="Importing…">
          Import
        </Button>
      </form>
      {importing.isError && <Alert title="Could not import the file">{formErrorsFrom(importing.error, []).form}</Alert>}
      <div aria-live="polite">
        {importing.data && <ImportReport updated={importing.data.updated} errors={importing.data.errors} />}
      </div>
    </div>
  );
}
