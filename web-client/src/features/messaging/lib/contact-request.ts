import { parseMoney } from '@/lib/parse-money';
import type { StartThreadRequest } from '../api/types';

export type ContactKind = 'question' | 'commission';
export type ContactField = 'kind' | 'subject' | 'body' | 'budget' | 'deadline';
export const CONTACT_FIELDS: readonly ContactField[] = ['kind', 'subject', 'body', 'budget', 'deadline'];

/** Currencies a budget may be given in; the co-op's own prices are in the first. */
export const BUDGET_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'JPY'] as const;

export const SUBJECT_MAX = 200;

export type ContactForm = {
  kind: ContactKind;
  subject: string;
  body: string;
  /** As typed, in major units ("250", "1,200.50"). */
  budgetAmount: string;
  budgetCurrency: string;
  /** `YYYY-MM-DD` from the date input, or empty. */
  deadline: string;
};

/** Today as the date input writes it, in the visitor's own calendar. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Checks what a person can fix before sending, and builds the request: the budget in minor units of its currency,
 * commission fields only for a commission. The server checks again (and decides what "today" is).
 */
export function buildContactRequest(
  form: ContactForm,
  recipientId: string,
  assetId: string | undefined,
  today: string = localToday(),
): { request: StartThreadRequest; errors: null } | { request: null; errors: Partial<Record<ContactField, string>> } {
  const errors: Partial<Record<ContactField, string>> = {};
  const subject = form.subject.trim();
  const body = form.body.trim();
  if (!subject) errors.subject = 'Give your message a subject.';
  else if (subject.length > SUBJECT_MAX) errors.subject = `Keep the subject to ${SUBJECT_MAX} characters.`;
  if (!body) errors.body = form.kind === 'commission' ? 'Describe what you would like photographed (the brief).' : 'Write your question.';

  let budget: StartThreadRequest['budget'] = null;
  let deadline: string | null = null;
  if (form.kind === 'commission') {
    if (form.budgetAmount.trim()) {
      const amount = parseMoney(form.budgetAmount, form.budgetCurrency);
      if (amount === null) errors.budget = `Enter the budget as a number, e.g. 250 or 250.50 ${form.budgetCurrency}.`;
      else if (amount <= 0) errors.budget = 'A budget must be more than zero; leave it empty to discuss it.';
      else budget = { amount, currency: form.budgetCurrency };
    }
    if (form.deadline) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(form.deadline)) errors.deadline = 'Pick a date.';
      // ISO dates compare as strings.
      else if (form.deadline < today) errors.deadline = 'The deadline has passed: pick today or a later date.';
      else deadline = form.deadline;
    }
  }
  if (Object.keys(errors).length > 0) return { request: null, errors };

  const request: StartThreadRequest = { recipientId, kind: form.kind, subject, body };
  if (assetId) request.assetId = assetId;
  if (budget) request.budget = budget;
  if (deadline) request.deadline = deadline;
  return { request, errors: null };
}
