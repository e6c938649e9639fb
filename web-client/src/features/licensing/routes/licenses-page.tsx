import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { AccountNav } from '@/components/account-nav';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { useDownloadLicense } from '../api/download-license';
import { useExtendedLabels } from '../api/get-license-types';
import { certificatePdfUrl, certificateUrl, licensesCsvUrl, useLicenses } from '../api/list-licenses';
import type { DownloadLink, License } from '../api/types';
import { LicenseUpgrade } from '../components/license-upgrade';
import { formatDate, licenceText, statusBadge, statusText } from '../lib/describe';

export function LicensesPage() {
  const licenses = useLicenses();
  const labelFor = useExtendedLabels();
  const { hash } = useLocation();
  const loaded = licenses.isSuccess;

  // A receipt links to one licence (#license-…): bring it into view once the list is there.
  useEffect(() => {
    if (loaded && hash.startsWith('#license-')) document.getElementById(hash.slice(1))?.scrollIntoView?.({ block: 'start' });
  }, [loaded, hash]);

  return (
    <>
      <div className="page-head">
        <PageHeading title="Your licences">Your licences</PageHeading>
        <a className="btn btn--secondary btn--small" href={licensesCsvUrl} download>
          Export CSV
        </a>
      </div>
      <AccountNav />
      {licenses.isPending && <Spinner label="Loading your licences…" />}
      {licenses.isError && <Alert title="Could not load your licences">{licenses.error.message}</Alert>}
      {licenses.data?.length === 0 && (
        <p className="empty">
          No licences yet. <Link to="/search">Find photos to license</Link>
        </p>
      )}
      {licenses.data && licenses.data.length > 0 && (
        <ul className="licences" aria-label="Your licences">
          {licenses.data.map((license) => (
            <LicenseCard key={license.id} license={license} labelFor={labelFor} />
          ))}
        </ul>
      )}
    </>
  );
}

function LicenseCard({ license, labelFor }: { license: License; labelFor: (code: string) => string }) {
  const title = license.asset.title?.trim() || 'Untitled photo';
  const download = useDownloadLicense();
  const [link, setLink] = useState<DownloadLink | null>(null);
  const [upgrading, setUpgrading] = useState(false);
  const revoked = license.status === 'revoked';

  function startDownload() {
    download.mutate(license.id, {
      onSuccess: (result) => {
        setLink(result);
        // The server's link answers with Content-Disposition: attachment, so the page stays put.
        const anchor = document.createElement('a');
        anchor.href = result.url;
        anchor.download = result.filename;
        anchor.rel = 'noopener';
        document.body.append(anchor);
        anchor.click();
        anchor.remove();
      },
    });
  }

  return (
    <li className="licence card" id={`license-${license.id}`} aria-labelledby={`license-${license.id}-title`}>
      {license.asset.thumbnail ? (
        <img
          className="licence__thumb"
          src={license.asset.thumbnail.url}
          width={license.asset.thumbnail.width}
          height={license.asset.thumbnail.height}
          alt=""
          loading="lazy"
        />
      ) : (
        <span className="licence__thumb" aria-hidden="true" />
      )}
      <div className="licence__body">
        <h2 className="licence__title" id={`license-${license.id}-title`}>
          <Link to={`/assets/${license.asset.id}`}>{title}</Link>
        </h2>
        <p>
          <span className={statusBadge(license.status)}>{statusText(license.status)}</span> {licenceText(license, labelFor)}
          {license.editorialOnly && <span className="muted"> · Editorial use only</span>}
        </p>
        <dl className="details details--compact licence__facts">
          <div>
            <dt>Issued</dt>
            <dd>{formatDate(license.issuedAt)}</dd>
          </div>
          <div>
            <dt>Verification code</dt>
            <dd>
              <Link to={`/verify/${encodeURIComponent(license.verificationCode)}`}>
                <code>{license.verificationCode}</code>
              </Link>
            </dd>
          </div>
          <div>
            <dt>Terms</dt>
            <dd>Version {license.termsVersion}</dd>
          </div>
          {license.revokedAt && (
            <div>
              <dt>Revoked</dt>
              <dd>
                {formatDate(license.revokedAt)}
                {license.revokedReason && ` — ${license.revokedReason}`}
              </dd>
            </div>
          )}
        </dl>
        {revoked && (
          <p className="muted">This licence was revoked (refunded or disputed): the photo may no longer be used under it.</p>
        )}
        <div className="actions">
          {!revoked && (
            <Button onClick={startDownload} loading={download.isPending} loadingText="Preparing…" className="btn--small">
              Download<span className="visually-hidden"> “{title}”</span>
            </Button>
          )}
          <a className="btn btn--ghost btn--small" href={certificateUrl(license.id)} target="_blank" rel="noopener">
            Certificate<span className="visually-hidden"> for “{title}” (opens in a new tab)</span>
          </a>
          <a className="btn btn--ghost btn--small" href={certificatePdfUrl(license.id)}>
            PDF<span className="visually-hidden"> certificate for “{title}”</span>
          </a>
          {license.status === 'valid' && license.upgrades.length > 0 && (
            <Button variant="ghost" className="btn--small" aria-expanded={upgrading} onClick={() => setUpgrading((u) => !u)}>
              Upgrade<span className="visually-hidden"> “{title}”</span>
            </Button>
          )}
        </div>
        {download.isError && <Alert title="Could not prepare the download">{download.error.message}</Alert>}
        {link && (
          <p className="muted licence__link" role="status">
            Your download should start now. If it does not,{' '}
            <a href={link.url} download={link.filename}>
              download {link.filename}
            </a>{' '}
            ({link.width.toLocaleString()} × {link.height.toLocaleString()} px; the link works for a few minutes).
          </p>
        )}
        {upgrading && <LicenseUpgrade license={license} labelFor={labelFor} title={title} />}
      </div>
    </li>
  );
}
