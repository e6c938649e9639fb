import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { formatMoney } from '@/lib/format-money';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { parseMoney } from '@/lib/parse-money';
import { useMe } from '@/lib/session/get-me';
import { useChangeCoopSettings } from '../api/settings-change';
import { useCoopSettings } from '../api/settings-get';
import { useSettingsHistory } from '../api/settings-history';
import type { CoopSettings, SettingsChange, SettingsChangeEntry } from '../api/settings-types';
import { CoopSectionNav } from '../components/coop-section-nav';
import { formatBp, formatSettingValue, memberClassLabel } from '../components/settings-format';
import '../governance-settings.css';

/** `/coop/settings` (members): the settings in force in plain words, and which vote or admin changed what. */
export function SettingsPage() {
  const settings = useCoopSettings();
  const me = useMe().data;
  const isAdmin = !!me?.roles.includes('admin');
  return (
    <div className="gov-page">
      <CoopSectionNav />
      <PageHeading title="Co-op settings">The co-op&apos;s settings</PageHeading>
      <p className="lede">
        The members decide these by vote. Every change is recorded with the proposal that carried it — or, rarely, the admin who
        made it and their reason.
      </p>
      {settings.isPending && <Spinner label="Loading the settings…" />}
      {settings.isError && <Alert title="Could not load the settings">{settings.error.message}</Alert>}
      {settings.data && <CurrentSettings settings={settings.data} />}
      {settings.data && isAdmin && <ChangeSettingsForm settings={settings.data} />}
      <History currency={settings.data?.currency ?? 'USD'} />
    </div>
  );
}

function CurrentSettings({ settings }: { settings: CoopSettings }) {
  const money = (minor: number) => formatMoney(minor, settings.currency);
  return (
    <section aria-labelledby="settings-now">
      <h2 id="settings-now">In force now</h2>
      <table className="gov-table">
        <caption className="visually-hidden">The co-op&apos;s settings in force</caption>
        <tbody>
          <tr><th scope="row">Royalty on standard licences</th><td className="num">{formatBp(settings.royaltyRateStandardBp)}</td></tr>
          <tr><th scope="row">Royalty on extended licences</th><td className="num">{formatBp(settings.royaltyRateExtendedBp)}</td></tr>
          <tr><th scope="row">Payout threshold</th><td className="num">{money(settings.payoutThresholdMinor)}</td></tr>
          <tr><th scope="row">Payouts held after a sale</th><td className="num">{settings.payoutHoldDays} days</td></tr>
          {Object.entries(settings.patronageClassShares).map(([memberClass, bp]) => (
            <tr key={memberClass}>
              <th scope="row">Patronage pool share: {memberClassLabel(memberClass)}</th>
              <td className="num">{formatBp(bp)}</td>
            </tr>
          ))}
          <tr><th scope="row">Patronage dividends paid in cash</th><td className="num">{formatBp(settings.patronageCashBp)}</td></tr>
        </tbody>
      </table>
      <h3>Licence prices</h3>
      <table className="gov-table">
        <caption className="visually-hidden">Licence prices</caption>
        <tbody>
          {settings.licensePrices.map((p) => (
            <tr key={p.code}>
              <th scope="row">{p.label}{p.kind === 'extended' ? ' (extended)' : ''}</th>
              <td className="num">{p.price ? formatMoney(p.price.amount, p.price.currency) : 'Priced by quote'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {settings.patronagePools.length > 0 && (
        <>
          <h3>Patronage pools set by the members</h3>
          <ul>
            {settings.patronagePools.map((p) => (
              <li key={p.year}>
                {p.year}: {formatMoney(p.pool.amount, p.pool.currency)}
                {p.allocated ? ' (allocated)' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Authority({ entry }: { entry: SettingsChangeEntry }) {
  const a = entry.authority;
  if (a.kind === 'admin')
    return (
      <p className="gov-history__authority">
        Admin {a.admin?.displayName}: {a.reason}
      </p>
    );
  const figures = [
    a.outcome,
    a.votesFor !== null && a.votesFor !== undefined ? `${a.votesFor} for` : null,
    a.votesAgainst !== null && a.votesAgainst !== undefined ? `${a.votesAgainst} against` : null,
    a.turnoutBp !== null && a.turnoutBp !== undefined ? `turnout ${formatBp(a.turnoutBp)}` : null,
  ].filter(Boolean);
  return (
    <p className="gov-history__authority">
      Voted: <Link to={`/coop/proposals/${a.proposalId}`}>{a.proposalTitle ?? 'the proposal'}</Link>
      {figures.length > 0 && ` — ${figures.join(', ')}`}
    </p>
  );
}

function History({ currency }: { currency: string }) {
  const history = useSettingsHistory();
  const entries = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="settings-history">
      <h2 id="settings-history">History of changes</h2>
      {history.isPending && <Spinner label="Loading the history…" />}
      {history.isError && <Alert title="Could not load the history">{history.error.message}</Alert>}
      {history.data && entries.length === 0 && <p>No setting has changed since the co-op was set up.</p>}
      <ol className="gov-history">
        {entries.map((entry) => (
          <li key={entry.id} className="gov-history__item">
            <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
            <ul>
              {entry.changes.map((line) => (
                <li key={line.setting}>
                  {line.label}: {formatSettingValue(line.from, line.unit, currency)} → {formatSettingValue(line.to, line.unit, currency)}
                </li>
              ))}
            </ul>
            <Authority entry={entry} />
          </li>
        ))}
      </ol>
      {history.hasNextPage && (
        <Button variant="secondary" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          Older changes
        </Button>
      )}
    </section>
  );
}

type Field = 'reason' | 'change';

/** "52.5" (percent) → 5250 basis points; null when not a percentage. */
export function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0') || '0');
  return bp <= 10000 ? bp : null;
}

/** Admins only: a change without a vote, with the reason every member is told. Empty fields stay as they are. */
function ChangeSettingsForm({ settings }: { settings: CoopSettings }) {
  const change = useChangeCoopSettings();
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const [done, setDone] = useState(false);
  const reasonId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const next: SettingsChange = {};
    const invalid: string[] = [];
    const percent = (name: string, label: string, set: (bp: number) => void) => {
      if (!text(name)) return;
      const bp = parsePercent(text(name));
      if (bp === null) invalid.push(`${label}: give a percentage between 0 and 100, such as 52.5.`);
      else set(bp);
    };
    percent('standard', 'Royalty on standard licences', (bp) => (next.royaltyRateStandardBp = bp));
    percent('extended', 'Royalty on extended licences', (bp) => (next.royaltyRateExtendedBp = bp));
    percent('cash', 'Patronage paid in cash', (bp) => (next.patronageCashBp = bp));
    if (text('threshold')) {
      const minor = parseMoney(text('threshold'), settings.currency);
      if (minor === null) invalid.push('Payout threshold: give an amount such as 25.00.');
      else next.payoutThresholdMinor = minor;
    }
    const prices: Record<string, number> = {};
    for (const p of settings.licensePrices.filter((o) => o.price)) {
      const value = text(`price-${p.code}`);
      if (!value) continue;
      const minor = parseMoney(value, settings.currency);
      if (minor === null || minor <= 0) invalid.push(`${p.label}: give a price such as 15.00.`);
      else prices[p.code] = minor;
    }
    if (Object.keys(prices).length > 0) next.licensePrices = prices;
    if (invalid.length > 0) return setErrors({ fields: {}, form: invalid.join(' ') });
    if (Object.keys(next).length === 0) return setErrors({ fields: {}, form: 'Fill in at least one new value.' });

    setErrors(noErrors);
    change.mutate(
      { change: next, reason: text('reason') },
      {
        onSuccess: () => setDone(true),
        onError: (error) => setErrors(formErrorsFrom(error, ['reason', 'change'] as const)),
      },
    );
  }

  return (
    <section aria-labelledby="change-settings">
      <h2 id="change-settings">Change settings (admin)</h2>
      <p>
        Settings normally change by a members&apos; vote. A change made here is recorded with your name and reason, and every member
        is told. Leave a field empty to keep its value.
      </p>
      <form className="gov-form" onSubmit={onSubmit} noValidate>
        {errors.form && <Alert title="The settings were not changed">{errors.form}</Alert>}
        {done && <Alert tone="success">The change is recorded and every member has been told.</Alert>}
        <TextField label="Royalty on standard licences (%)" name="standard" inputMode="decimal" placeholder={formatBp(settings.royaltyRateStandardBp)} />
        <TextField label="Royalty on extended licences (%)" name="extended" inputMode="decimal" placeholder={formatBp(settings.royaltyRateExtendedBp)} />
        <TextField label={`Payout threshold (${settings.currency})`} name="threshold" inputMode="decimal"
          placeholder={formatMoney(settings.payoutThresholdMinor, settings.currency)} />
        <TextField label="Patronage paid in cash (%)" name="cash" inputMode="decimal" placeholder={formatBp(settings.patronageCashBp)} />
        {settings.licensePrices.filter((p) => p.price).map((p) => (
          <TextField key={p.code} label={`Price: ${p.label} (${settings.currency})`} name={`price-${p.code}`} inputMode="decimal"
            placeholder={p.price ? formatMoney(p.price.amount, p.price.currency) : ''} />
        ))}
        <div className={['field', errors.fields.reason ? 'field--invalid' : null].filter(Boolean).join(' ')}>
          <label className="field__label" htmlFor={reasonId}>Reason (shown to every member)</label>
          <textarea id={reasonId} name="reason" className="field__input" rows={3} required
            aria-invalid={errors.fields.reason ? true : undefined} aria-describedby={errors.fields.reason ? `${reasonId}-error` : undefined} />
          {errors.fields.reason && <p className="field__error" id={`${reasonId}-error`}>{errors.fields.reason}</p>}
        </div>
        <Button type="submit" loading={change.isPending} loadingText="Recording…">
          Change settings
        </Button>
      </form>
    </section>
  );
}
