import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { useApplyForMembership, useMyApplication, type MembershipApplication } from '../api/my-application';
import { uploadSample } from '../api/upload-sample';

const SAMPLES = 10;
const MAX_LINKS = 5;
type Field = 'statement' | 'links' | 'sampleAssetIds';
type Sample = { name: string; percent: number; assetId?: string; error?: string };

function ApplicationStatus({ application }: { application: MembershipApplication }) {
  if (application.status === 'accepted')
    return (
      <Alert tone="success" title="Welcome to the co-op">
        Your application was accepted: you are now a contributor-member with one voting share.
      </Alert>
    );
  if (application.status === 'declined') {
    const after = application.reapplyAfter ? new Date(application.reapplyAfter).toLocaleDateString() : null;
    return (
      <Alert tone="info" title="Your application was declined">
        {application.declineReason}
        {after && ` You can apply again after ${after}.`}
      </Alert>
    );
  }
  return (
    <Alert tone="info" title="Your application is with the board">
      Two editors review each application. We will show their decision here.
    </Alert>
  );
}

export function ApplyPage() {
  const mine = useMyApplication();
  const apply = useApplyForMembership();
  const [samples, setSamples] = useState<Sample[]>([]);
  const [statement, setStatement] = useState('');
  const [links, setLinks] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);

  const canApply =
    mine.data === null ||
    (mine.data?.status === 'declined' && (!mine.data.reapplyAfter || new Date(mine.data.reapplyAfter) <= new Date()));
  const uploaded = samples.filter((s) => s.assetId).map((s) => s.assetId!);

  function addFiles(files: FileList | null) {
    const chosen = Array.from(files ?? []).slice(0, SAMPLES - samples.length);
    chosen.forEach((file) => {
      const index = samples.length + chosen.indexOf(file);
      const update = (patch: Partial<Sample>) =>
        setSamples((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));
      const handle = uploadSample(file, (p) => update({ percent: p.percent }));
      handle.promise.then(
        (result) => update({ assetId: result.assetId, percent: 100 }),
        (error: unknown) => update({ error: error instanceof Error ? error.message : 'Upload failed.' }),
      );
    });
    setSamples((all) => [...all, ...chosen.map((f) => ({ name: f.name, percent: 0 }))]);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      statement: statement.trim(),
      links: links.split(/\s+/).filter(Boolean).slice(0, MAX_LINKS + 1),
      sampleAssetIds: uploaded,
    };
    apply.mutate(body, {
      onSuccess: () => setErrors(noErrors),
      onError: (error) => setErrors(formErrorsFrom(error, ['statement', 'links', 'sampleAssetIds'] as const)),
    });
  }

  return (
    <>
      <PageHeading title="Apply to join">Apply to become a contributor-member</PageHeading>
      {mine.isPending && <Spinner label="Loading your application…" />}
      {mine.isError && <Alert title="Could not load your application">{mine.error.message}</Alert>}
      {mine.data && <ApplicationStatus application={mine.data} />}
      {canApply && (
        <form onSubmit={onSubmit} noValidate>
          {errors.form && <Alert title="Your application was not sent">{errors.form}</Alert>}
          <fieldset>
            <legend>
              Ten sample photos ({uploaded.length} of {SAMPLES} uploaded)
            </legend>
            <p className="field__hint">Samples are checked like any upload and stay private to you and the board.</p>
            <input
              type="file"
              accept="image/jpeg,image/png"
              multiple
              aria-label="Choose sample photos"
              disabled={samples.length >= SAMPLES}
              onChange={(e) => {
                addFiles(e.target.files);
                e.target.value = '';
              }}
            />
            <ul>
              {samples.map((s, i) => (
                <li key={i}>
                  {s.name}: {s.error ?? (s.assetId ? 'uploaded' : `${s.percent}%`)}
                </li>
              ))}
            </ul>
            {errors.fields.sampleAssetIds && <p className="field__error">{errors.fields.sampleAssetIds}</p>}
          </fieldset>
          <div className={['field', errors.fields.statement ? 'field--invalid' : null].filter(Boolean).join(' ')}>
            <label className="field__label" htmlFor="apply-statement">
              Statement
            </label>
            <textarea
              id="apply-statement"
              className="field__input"
              maxLength={2000}
              rows={6}
              value={statement}
              onChange={(e) => setStatement(e.target.value)}
              aria-invalid={errors.fields.statement ? true : undefined}
            />
            {errors.fields.statement && <p className="field__error">{errors.fields.statement}</p>}
          </div>
          <TextField
            label="Portfolio links"
            name="links"
            hint="Up to 5 full web addresses (https://…), separated by spaces."
            value={links}
            onChange={(e) => setLinks(e.target.value)}
            error={errors.fields.links}
          />
          <Button
            type="submit"
            loading={apply.isPending}
            loadingText="Sending your application…"
            disabled={uploaded.length !== SAMPLES}
          >
            Send application
          </Button>
        </form>
      )}
    </>
  );
}
