import { describe, expect, it } from 'vitest';
import { buildContactRequest, localToday, type ContactForm } from './contact-request';

const form = (overrides: Partial<ContactForm> = {}): ContactForm => ({
  kind: 'commission',
  subject: '  Harbour at dawn ',
  body: ' Twelve photos of the harbour at dawn. ',
  budgetAmount: '',
  budgetCurrency: 'EUR',
  deadline: '',
  ...overrides,
});

describe('buildContactRequest', () => {
  it('sends the budget in minor units of its currency, and the deadline, for a commission', () => {
    const built = buildContactRequest(form({ budgetAmount: '1,250.50', deadline: '2026-12-24' }), 'r1', 'a1', '2026-11-27');
    expect(built.errors).toBeNull();
    expect(built.request).toEqual({
      recipientId: 'r1',
      kind: 'commission',
      subject: 'Harbour at dawn',
      body: 'Twelve photos of the harbour at dawn.',
      assetId: 'a1',
      budget: { amount: 125050, currency: 'EUR' },
      deadline: '2026-12-24',
    });
  });

  it('uses the currency’s own minor units (none for yen)', () => {
    expect(buildContactRequest(form({ budgetAmount: '30000', budgetCurrency: 'JPY' }), 'r1', undefined, '2026-11-27').request?.budget).toEqual({
      amount: 30000,
      currency: 'JPY',
    });
  });

  it('leaves budget and deadline out of a question even if they were typed before switching', () => {
    const built = buildContactRequest(form({ kind: 'question', budgetAmount: 'abc', deadline: '2020-01-01' }), 'r1', undefined, '2026-11-27');
    expect(built.request).toEqual({ recipientId: 'r1', kind: 'question', subject: 'Harbour at dawn', body: 'Twelve photos of the harbour at dawn.' });
  });

  it('says what to fix: empty subject and brief, a budget that is not an amount, a deadline in the past', () => {
    const built = buildContactRequest(form({ subject: ' ', body: '', budgetAmount: '12.345', deadline: '2026-11-26' }), 'r1', undefined, '2026-11-27');
    expect(built.request).toBeNull();
    expect(built.errors).toEqual({
      subject: 'Give your message a subject.',
      body: 'Describe what you would like photographed (the brief).',
      budget: 'Enter the budget as a number, e.g. 250 or 250.50 EUR.',
      deadline: 'The deadline has passed: pick today or a later date.',
    });
  });

  it('refuses a zero budget but accepts today as the deadline', () => {
    const built = buildContactRequest(form({ budgetAmount: '0', deadline: '2026-11-27' }), 'r1', undefined, '2026-11-27');
    expect(built.errors).toEqual({ budget: 'A budget must be more than zero; leave it empty to discuss it.' });
    expect(buildContactRequest(form({ deadline: '2026-11-27' }), 'r1', undefined, '2026-11-27').request?.deadline).toBe('2026-11-27');
  });

  it('writes today as the date input does', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
