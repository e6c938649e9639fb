import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Alert } from '@/components/ui/alert';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { useExtendedLabels } from '../api/get-license-types';
import { useVerifyLicense } from '../api/verify-license';
import type { LicenseVerification } from '../api/types';
import { formatDate, pixels } from '../lib/describe';

/** Codes are printed on certificates; people type them with spaces, lower case or a stray dash at the end. */
export function normaliseCode(input: string): string {
  return input.trim().replace(/\s+/g, '').replace(/^-+|-+$/g, '');
}

function VerifyForm({ initial = '' }: { initial?: string }) {
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const navigate = useNavigate();
  return (
    <form
      className="inline-form verify__form"
      role="search"
      aria-label="Verify a licence"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const value = normaliseCode(code);
        if (!value) {
          setError('Enter the verification code printed on the certificate.');
          return;
        }
        setError(undefined);
        void navigate(`/verify/${encodeURIComponent(value)}`);
      }}
    >
      <TextField
        label="Verification code"
        name="code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        error={error}
        hint="As printed on the licence certificate."
      />
      <button type="submit" className="btn btn--primary">
        Verify
      </button>
    </form>
  );
}

/** `/verify`: anyone can check a licence certificate's code. */
export function VerifyPage() {
  return (
    <div className="verify">
      <PageHeading title="Verify a licence">Verify a licence</PageHeading>
      <p className="lede">
        Every MediaCoop licence certificate carries a verification code. Enter it to see whether the licence is valid and
        what it covers.
      </p>
      <VerifyForm />
    </div>
  );
}

const HEADLINE: Record<string, string> = {
  valid: 'This licence is valid',
  revoked: 'This licence has been revoked',
  superseded: 'This licence was upgraded',
};

/** `/verify/:code`: the public answer. Nothing about the buyer is shown (or sent by the server). */
export function VerifyResultPage() {
  const { code = '' } = useParams();
  const result = useVerifyLicense(code);

  if (result.isPending) return <Spinner label="Checking the code…" />;
  if (result.isError) {
    const unknown = result.error instanceof ApiError && (result.error.status === 404 || result.error.status === 400);
    return (
      <div className="verify">
        <PageHeading title="Licence not found">{unknown ? 'No licence has this code' : 'Could not check the code'}</PageHeading>
        <Alert tone={unknown ? 'info' : 'error'}>
          {unknown ? `Check the code “${code}” against the certificate and try again.` : result.error.message}
        </Alert>
        <VerifyForm initial={code} />
      </div>
    );
  }
  return <Verification result={result.data} />;
}

function Verification({ result }: { result: LicenseVerification }) {
  const labelFor = useExtendedLabels();
  const title = result.asset.title?.trim() || 'Untitled photo';
  const headline = HEADLINE[result.status] ?? `Licence status: ${result.status}`;
  return (
    <div className="verify">
      <PageHeading title={headline}>{headline}</PageHeading>
      <div className={`verify__result verify__result--${result.status}`}>
        <p className="verify__status" role="status">
          <span className={`badge ${result.status === 'valid' ? 'badge--published' : result.status === 'revoked' ? 'badge--declined' : ''}`}>
            {result.status === 'valid' ? 'Valid' : result.status === 'revoked' ? 'Revoked' : 'Superseded'}
          </span>{' '}
          Code <code>{result.code}</code>
        </p>
        {result.status === 'superseded' && (
          <p>The holder upgraded this licence to a newer one; the rights below were replaced by the upgrade.</p>
        )}
        {result.status === 'revoked' && (
          <p>
            This licence no longer grants any rights{result.revokedAt && ` (revoked ${formatDate(result.revokedAt)})`}.
          </p>
        )}
        <div className="verify__photo">
          {result.asset.thumbnail && (
            <img src={result.asset.thumbnail.url} width={result.asset.thumbnail.width} height={result.asset.thumbnail.height} alt="" />
          )}
          <div>
            <h2 className="verify__title">
              <Link to={`/assets/${result.asset.id}`}>{title}</Link>
            </h2>
            {result.asset.contributorName && <p className="muted">by {result.asset.contributorName}</p>}
          </div>
        </div>
        <dl className="details details--compact">
          <div>
            <dt>Licence</dt>
            <dd>
              {result.editorialOnly ? 'Editorial' : 'Standard'}, {result.sizeLabel} ({pixels(result.width, result.height)})
            </dd>
          </div>
          <div>
            <dt>Extended rights</dt>
            <dd>{result.extended.length > 0 ? result.extended.map(labelFor).join(', ') : 'None'}</dd>
          </div>
          {result.editorialOnly && (
            <div>
              <dt>Use</dt>
              <dd>Editorial use only: news, commentary, education</dd>
            </div>
          )}
          <div>
            <dt>Issued</dt>
            <dd>{formatDate(result.issuedAt)}</dd>
          </div>
          <div>
            <dt>Licence terms</dt>
            <dd>Version {result.termsVersion}</dd>
          </div>
        </dl>
      </div>
      <h2 className="verify__again">Check another code</h2>
      <VerifyForm />
    </div>
  );
}
