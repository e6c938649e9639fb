import { postMultipart, type UploadHandle, type UploadProgress } from '@/api/upload';
import type { Expense } from './types';

export type ExpenseInput = {
  category: string;
  /** Minor units. */
  amount: number;
  currency: string;
  /** yyyy-mm-dd */
  occurredOn: string;
  description: string;
  receipt: File | null;
};

/**
 * `POST /api/v1/admin/expenses` (admins), multipart: the receipt (PDF, JPEG or PNG, ≤ 10 MB) goes
 * through the XHR path so the form can show its progress.
 */
export function createExpense(input: ExpenseInput, onProgress: (progress: UploadProgress) => void): UploadHandle<Expense> {
  const form = new FormData();
  form.append('category', input.category);
  form.append('amount', String(input.amount));
  form.append('currency', input.currency);
  form.append('occurredOn', input.occurredOn);
  form.append('description', input.description);
  if (input.receipt) form.append('receipt', input.receipt, input.receipt.name);
  return postMultipart('/api/v1/admin/expenses', form, { onProgress });
}
