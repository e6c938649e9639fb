import { describe, expect, it } from 'vitest';
import { ApiError, parseRetryAfter } from '@/api/problem';
import { formErrorsFrom } from './form-errors';

const FIELDS = ['email', 'password'] as const;

describe('formErrorsFrom', () => {
  it('puts validation messages on the fields they name', () => {
    const error = new ApiError(
      400,
      { title: 'One or more validation errors occurred.', errors: { email: ['Bad email.'], Password: ['Too short.', 'Too common.'] } },
      null,
    );
    expect(formErrorsFrom(error, FIELDS)).toEqual({
      fields: { email: 'Bad email.', password: 'Too short. Too common.' },
      form: null,
    });
  });

  it('puts messages about an item of a list on the list field', () => {
    const error = new ApiError(400, { title: 'Invalid', errors: { 'contributors[1].shareBasisPoints': ['Shares must add up to 100%.'] } }, null);
    expect(formErrorsFrom(error, ['contributors'] as const).fields).toEqual({ contributors: 'Shares must add up to 100%.' });
  });

  it('shows messages for fields the form does not have at form level', () => {
    const error = new ApiError(400, { title: 'One or more validation errors occurred.', errors: { '': ['Body is not JSON.'] } }, null);
    expect(formErrorsFrom(error, FIELDS)).toEqual({ fields: {}, form: 'Body is not JSON.' });
  });

  it('uses detail, then title, for other problems', () => {
    expect(formErrorsFrom(new ApiError(401, { title: 'Sign-in failed', detail: 'Wrong.' }, null), FIELDS).form).toBe('Wrong.');
    expect(formErrorsFrom(new ApiError(403, { title: 'Not allowed' }, null), FIELDS).form).toBe('Not allowed');
  });

  it('keeps both the field error and the message of a 409', () => {
    const error = new ApiError(409, { title: 'Email already registered', detail: 'Sign in instead.', errors: { email: ['Taken.'] } }, null);
    expect(formErrorsFrom(error, FIELDS)).toEqual({ fields: { email: 'Taken.' }, form: 'Sign in instead.' });
  });

  it('tells a throttled user how long to wait', () => {
    const error = new ApiError(429, { title: 'Too many attempts', detail: 'Wait a moment and try again.' }, 42);
    expect(formErrorsFrom(error, FIELDS).form).toBe('Wait a moment and try again. You can try again in 42 seconds.');
    const locked = new ApiError(429, { detail: 'Too many failed sign-ins. Try again in 15 minutes.' }, 900);
    expect(formErrorsFrom(locked, FIELDS).form).toBe('Too many failed sign-ins. Try again in 15 minutes.');
  });

  it('asks to resubmit when the antiforgery token was rejected', () => {
    const error = new ApiError(400, { title: 'Invalid or missing antiforgery token', detail: 'Fetch a token from GET …' }, null);
    expect(formErrorsFrom(error, FIELDS).form).toMatch(/submit the form again/);
  });

  it('explains a network failure', () => {
    expect(formErrorsFrom(new TypeError('Failed to fetch'), FIELDS).form).toMatch(/could not reach/i);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
