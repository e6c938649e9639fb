import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { UploadAbortedError, type UploadHandle } from '@/api/upload';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/format-money';
import { parseMoney } from '@/lib/parse-money';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { createExpense } from '../api/create-expense';
import type { Expense } from '../api/types';
import { AdminNav } from '../components/admin-nav';
import '../coop.css';

type Field = 'category' | 'amount' | 'currency' | 'occurredOn' | 'description' | 'receipt';
const FIELDS: readonly Field[] = ['category', 'amount', 'currency', 'occurredOn', 'description', 'receipt'];
const CATEGORIES = ['hosting', 'software', 'storage', 'accounting', 'legal', 'insurance', 'staff', 'marketing', 'office', 'other'];
const RECEIPT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const MAX_RECEIPT = 10 * 1024 * 1024;

type Upload = { percent: number; handle: UploadHandle<Expense> };

/** `/admin/expenses`: record an operating expense with its receipt; it appears in the members' books. */
export function AdminExpensesPage() {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [saved, setSaved] = useState<Expense | null>(null);
  // Kept from the input's change event: a file chosen is what is sent, whatever FormData makes of the input.
  const [receipt, setReceipt] = useState<File | null>(null);
  const categoryRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const currencyRef = useRef<HTMLInputElement>(null);
  const occurredOnRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLInputElement>(null);
  const receiptRef = useRef<HTMLInputElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const listId = useId();
  useFocusFirstError(errors, FIELDS, { category: categoryRef, amount: amountRef, currency: currencyRef, occurredOn: occurredOnRef, description: descriptionRef, receipt: receiptRef }, alert);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (upload) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: Field) => String(data.get(name) ?? '').trim();
    const currency = text('currency').toUpperCase();
    const file = receipt;
    const fields: FormErrors<Field>['fields'] = {};
    if (!text('category')) fields.category = 'Choose or type a category.';
    if (!/^[A-Z]{3}$/.test(currency)) fields.currency = 'Enter a three-letter currency code, such as USD.';
    const amount = parseMoney(text('amount'), /^[A-Z]{3}$/.test(currency) ? currency : 'USD');
    if (amount === null || amount <= 0) fields.amount = 'Enter the amount paid, such as 49.99.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text('occurredOn'))) fields.occurredOn = 'Enter the date of the expense.';
    if (!text('description')) fields.description = 'Say what the expense was for.';
    if (!file) fields.receipt = 'Attach the receipt or invoice.';
    else if (!RECEIPT_TYPES.includes(file.type)) fields.receipt = 'The receipt must be a PDF, JPEG or PNG file.';
    else if (file.size > MAX_RECEIPT) fields.receipt = 'The receipt must be 10 MB or smaller.';
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }

    setErrors(noErrors);
    setSaved(null);
    const handle = createExpense(
      { category: text('category'), amount: amount!, currency, occurredOn: text('occurredOn'), description: text('description'), receipt: file },
      (progress) => setUpload((u) => (u ? { ...u, percent: progress.percent } : u)),
    );
    setUpload({ percent: 0, handle });
    try {
      const expense = await handle.promise;
      setSaved(expense);
      form.reset();
      setReceipt(null);
      void queryClient.invalidateQueries({ queryKey: ['coop'] });
    } catch (error) {
      if (!(error instanceof UploadAbortedError)) setErrors(formErrorsFrom(error, FIELDS));
    } finally {
      setUpload(null);
    }
  }

  return (
    <div className="coop-page">
      <PageHeading title="Record an expense">Record an expense</PageHeading>
      <AdminNav />
      <p>
        Operating expenses appear in the members&apos; <Link to="/coop/books">open books</Link> with their receipts.
      </p>
      {saved && (
        <Alert tone="success" title="Expense recorded">
          {saved.description}: {formatMoney(saved.amount.amount, saved.amount.currency)}.
        </Alert>
      )}
      <form className="admin-form" onSubmit={submit} noValidate aria-label="New expense">
        {errors.form && (
          <Alert ref={alert} title="The expense was not recorded">
            {errors.form}
          </Alert>
        )}
        <TextField ref={categoryRef} label="Category" name="category" list={listId} autoComplete="off" required error={errors.fields.category} />
        <datalist id={listId}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <div className="admin-form__row">
          <TextField ref={amountRef} label="Amount" name="amount" inputMode="decimal" autoComplete="off" required error={errors.fields.amount} />
          <TextField ref={currencyRef} label="Currency" name="currency" defaultValue="USD" maxLength={3} required error={errors.fields.currency} />
        </div>
        <TextField ref={occurredOnRef} label="Date" name="occurredOn" type="date" required error={errors.fields.occurredOn} />
        <TextField ref={descriptionRef} label="Description" name="description" required error={errors.fields.description} />
        <TextField
          ref={receiptRef}
          label="Receipt"
          name="receipt"
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          hint="PDF, JPEG or PNG, up to 10 MB."
          onChange={(event) => setReceipt(event.target.files?.[0] ?? null)}
          error={errors.fields.receipt}
        />
        {upload && (
          <div className="receipt-progress">
            <progress max={100} value={upload.percent} aria-label="Receipt upload progress" aria-valuetext={`${upload.percent}%`} />
            <span aria-live="polite">{upload.percent < 100 ? `Uploading ${upload.percent}%` : 'Saving…'}</span>
            <Button variant="secondary" onClick={() => upload.handle.abort()}>
              Cancel
            </Button>
          </div>
        )}
        <div>
          <Button type="submit" loading={!!upload} loadingText="Recording…">
            Record the expense
          </Button>
        </div>
      </form>
    </div>
  );
}
