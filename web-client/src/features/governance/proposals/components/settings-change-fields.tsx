import { TextField } from '@/components/ui/text-field';
import { formatMoney } from '@/lib/format-money';
import { formatBasisPoints } from '@/lib/format-month';
import type { CoopSettings } from '../api/types';
import { classLabel, describeSettingsChange, settingsChangeFromForm, type SettingsField, type SettingsForm } from '../lib/settings-change';

/**
 * The optional binding change: each setting shows today's value; an empty field keeps it. Below, the change as it
 * would read on the ballot ("from → to"), recomputed as the person types.
 */
export function SettingsChangeFields({
  form,
  current,
  errors,
  onChange,
}: {
  form: SettingsForm;
  current: CoopSettings;
  errors: Partial<Record<SettingsField, string>>;
  onChange: (next: SettingsForm) => void;
}) {
  const pct = (bp: number) => `Now ${formatBasisPoints(bp)}. Leave empty to keep it.`;
  const preview = settingsChangeFromForm(form, current).change;
  const lines = preview ? describeSettingsChange(preview, current) : [];
  const classes = Object.keys(current.patronageClassShares);

  return (
    <div className="settings-fields">
      <div className="settings-fields__grid">
        <TextField
          label="Standard royalty rate (%)"
          name="royaltyRateStandard"
          inputMode="decimal"
          hint={pct(current.royaltyRateStandardBp)}
          value={form.royaltyRateStandard}
          error={errors.royaltyRateStandardBp}
          onChange={(e) => onChange({ ...form, royaltyRateStandard: e.target.value })}
        />
        <TextField
          label="Extended royalty rate (%)"
          name="royaltyRateExtended"
          inputMode="decimal"
          hint={pct(current.royaltyRateExtendedBp)}
          value={form.royaltyRateExtended}
          error={errors.royaltyRateExtendedBp}
          onChange={(e) => onChange({ ...form, royaltyRateExtended: e.target.value })}
        />
        <TextField
          label={`Payout threshold (${current.currency})`}
          name="payoutThreshold"
          inputMode="decimal"
          hint={`Now ${formatMoney(current.payoutThresholdMinor, current.currency)}. Leave empty to keep it.`}
          value={form.payoutThreshold}
          error={errors.payoutThresholdMinor}
          onChange={(e) => onChange({ ...form, payoutThreshold: e.target.value })}
        />
      </div>

      {current.licensePrices.length > 0 && (
        <fieldset className="settings-fields__group">
          <legend>Licence prices</legend>
          {errors.licensePrices && (
            <p className="field__error" role="alert">
              {errors.licensePrices}
            </p>
          )}
          <div className="settings-fields__grid">
            {current.licensePrices.map((option) => (
              <TextField
                key={option.code}
                aria-invalid={errors.licensePrices ? true : undefined}
                label={`${option.label} (${option.price?.currency ?? current.currency})`}
                name={`price-${option.code}`}
                inputMode="decimal"
                hint={option.price ? `Now ${formatMoney(option.price.amount, option.price.currency)}.` : 'Now sold on quote.'}
                value={form.licensePrices[option.code] ?? ''}
                onChange={(e) => onChange({ ...form, licensePrices: { ...form.licensePrices, [option.code]: e.target.value } })}
              />
            ))}
          </div>
        </fieldset>
      )}

      <fieldset className="settings-fields__group">
        <legend>Patronage dividend</legend>
        {errors.patronageClassShares && (
          <p className="field__error" role="alert">
            {errors.patronageClassShares}
          </p>
        )}
        <div className="settings-fields__grid">
          {classes.map((c) => (
            <TextField
              key={c}
              aria-invalid={errors.patronageClassShares ? true : undefined}
              label={`Share for ${classLabel(c)} (%)`}
              name={`share-${c}`}
              inputMode="decimal"
              hint={`Now ${formatBasisPoints(current.patronageClassShares[c] ?? 0)}.`}
              value={form.classShares[c] ?? ''}
              onChange={(e) => onChange({ ...form, classShares: { ...form.classShares, [c]: e.target.value } })}
            />
          ))}
          <TextField
            label="Paid in cash (%)"
            name="patronageCash"
            inputMode="decimal"
            hint={`${pct(current.patronageCashBp)} The rest is credited to members' capital accounts.`}
            value={form.patronageCash}
            error={errors.patronageCashBp}
            onChange={(e) => onChange({ ...form, patronageCash: e.target.value })}
          />
        </div>
      </fieldset>

      <div className="settings-fields__preview" aria-live="polite">
        <h3>The change on the ballot</h3>
        {lines.length === 0 ? (
          <p className="muted">Nothing changes yet.</p>
        ) : (
          <ul>
            {lines.map((l) => (
              <li key={l.key}>
                {l.label}: {l.from} <span aria-hidden="true">→</span> <span className="visually-hidden">to</span> <strong>{l.to}</strong>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
