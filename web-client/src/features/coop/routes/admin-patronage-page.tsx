import { useId, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/format-money';
import { parseMoney } from '@/lib/parse-money';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { usePatronageAllocation } from '../api/get-patronage-allocation';
import { useRecordPatronagePool } from '../api/record-patronage-pool';
import { usePreviewPatronage } from '../api/preview-patronage';
import type { Money, PatronageAllocation, PatronageAllocationLine } from '../api/types';
import { AdminNav } from '../components/admin-nav';
import '../coop.css';

type Field = 'pool' | 'currency' | 'decidedBy';
const FIELDS: readonly Field[] = ['pool', 'currency', 'decidedBy'];
const CLASS_NAMES: Record<string, string> = { contributor: 'Contributor', worker: 'Worker', founder: 'Founder' };

/** `/admin/patronage`: record the pool the members voted for a closed year (once) and see how it was allocated. */
export function AdminPatronagePage() {
  const thisYear = new Date().getUTCFullYear();
  const [year, setYear] = useState(thisYear - 1);
  const allocation = usePatronageAllocation(year);
  const yearId = useId();

  return (
    <div className="coop-page">
      <PageHeading title="Patronage allocation">Patronage allocation</PageHeading>
      <AdminNav />
      <p>
        After the year closes, the members vote on how much of the surplus to return as patronage. Record that pool here once;
        the co-op allocates it to members by the published formula and issues each a notice of allocation.
      </p>
      <div className="books__toolbar">
        <label htmlFor={yearId}>Fiscal year</label>
        <select id={yearId} className="field__input books__year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {allocation.isPending && <Spinner label="Loading the allocation…" />}
      {allocation.isError && <Alert title="Could not load the allocation">{allocation.error.message}</Alert>}
      {allocation.isSuccess &&
        (allocation.data ? <AllocationTable allocation={allocation.data} /> : <PoolForm key={year} year={year} />)}
    </div>
  );
}

function PoolForm({ year }: { year: number }) {
  const preview = usePreviewPatronage();
  const record = useRecordPatronagePool();
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const [asked, setAsked] = useState<{ pool: Money; decidedBy: string } | null>(null);
  const poolRef = useRef<HTMLInputElement>(null);
  const currencyRef = useRef<HTMLInputElement>(null);
  const decidedByRef = useRef<HTMLInputElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  useFocusFirstError(errors, FIELDS, { pool: poolRef, currency: currencyRef, decidedBy: decidedByRef }, alert);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const currency = String(data.get('currency') ?? '').trim().toUpperCase();
    const decidedBy = String(data.get('decidedBy') ?? '').trim();
    if (!/^[A-Z]{3}$/.test(currency)) {
      setErrors({ fields: { currency: 'Enter a three-letter currency code, such as USD.' }, form: null });
      return;
    }
    const amount = parseMoney(String(data.get('pool') ?? ''), currency);
    if (amount === null || amount <= 0) {
      setErrors({ fields: { pool: 'Enter the pool as an amount above zero, such as 12500.00.' }, form: null });
      return;
    }
    setErrors(noErrors);
    const pool = { amount, currency };
    // The posting cannot be undone: first show what it would allocate.
    preview.mutate(
      { year, pool },
      { onSuccess: () => setAsked({ pool, decidedBy }), onError: (error) => setErrors(formErrorsFrom(error, FIELDS)) },
    );
  }

  function confirm() {
    if (!asked) return;
    record.mutate(
      { year, pool: asked.pool, ...(asked.decidedBy ? { decidedBy: asked.decidedBy } : {}) },
      { onError: (error) => setErrors(formErrorsFrom(error, FIELDS)) },
    );
  }

  return (
    <>
      <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="pool-form-title">
        <h2 id="pool-form-title">Record the pool for {year}</h2>
        {errors.form && (
          <Alert ref={alert} title="The pool was not recorded">
            {errors.form}
          </Alert>
        )}
        <div className="admin-form__row">
          <TextField ref={poolRef} label="Pool" name="pool" inputMode="decimal" autoComplete="off" required error={errors.fields.pool} onChange={() => setAsked(null)} />
          <TextField ref={currencyRef} label="Currency" name="currency" defaultValue="USD" maxLength={3} required error={errors.fields.currency} onChange={() => setAsked(null)} />
        </div>
        <TextField
          ref={decidedByRef}
          label="Decided by (optional)"
          name="decidedBy"
          hint="The vote or meeting that set the pool, e.g. “General meeting, 14 March”."
          error={errors.fields.decidedBy}
        />
        <div>
          <Button type="submit" variant={asked ? 'secondary' : 'primary'} loading={preview.isPending} loadingText="Working it out…">
            Preview the allocation
          </Button>
        </div>
      </form>
      {asked && preview.data && (
        <section aria-labelledby="preview-title" className="card">
          <h2 id="preview-title">
            Preview: {formatMoney(preview.data.pool.amount, preview.data.pool.currency)} for {year}
          </h2>
          <AllocationLines year={year} pool={preview.data.pool} members={preview.data.members} caption={`Preview of the ${year} allocation by member`} />
          <p>
            Recording posts the allocation to the ledger and issues each member a notice. It can be done once for each year and cannot be
            undone.
          </p>
          <Button loading={record.isPending} loadingText="Allocating…" onClick={confirm}>
            Record and allocate
          </Button>
        </section>
      )}
    </>
  );
}

function AllocationTable({ allocation }: { allocation: PatronageAllocation }) {
  return (
    <section aria-labelledby="allocation-title">
      <h2 id="allocation-title">
        {allocation.year}: {formatMoney(allocation.pool.amount, allocation.pool.currency)} allocated
      </h2>
      {allocation.decidedBy && <p className="muted">Decided by {allocation.decidedBy}.</p>}
      <AllocationLines
        year={allocation.year}
        pool={allocation.pool}
        members={allocation.members}
        caption={`Allocation of the ${allocation.year} patronage pool by member`}
      />
    </section>
  );
}

function AllocationLines({
  pool,
  members,
  caption,
}: {
  year: number;
  pool: Money;
  members: readonly PatronageAllocationLine[];
  caption: string;
}) {
  const m = (v: Money) => formatMoney(v.amount, v.currency);
  const sum = (key: 'amount' | 'cash' | 'retained') => members.reduce((s, l) => s + l[key].amount, 0);
  if (members.length === 0) return <p className="empty">No members qualify for an allocation this year.</p>;
  return (
    <div className="table-scroll">
      <table className="table books__table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Class</th>
            <th scope="col">Basis</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Cash
            </th>
            <th scope="col" className="num">
              Retained
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((l) => (
            <tr key={`${l.userId}:${l.class}`}>
              <th scope="row">{l.displayName}</th>
              <td>{CLASS_NAMES[l.class] ?? l.class}</td>
              <td>{l.basis}</td>
              <td className="num">{m(l.amount)}</td>
              <td className="num">{m(l.cash)}</td>
              <td className="num">{m(l.retained)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="num">{formatMoney(sum('amount'), pool.currency)}</td>
            <td className="num">{formatMoney(sum('cash'), pool.currency)}</td>
            <td className="num">{formatMoney(sum('retained'), pool.currency)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
