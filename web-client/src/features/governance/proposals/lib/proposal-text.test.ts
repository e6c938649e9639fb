import { describe, expect, it } from 'vitest';
import { fromLocalInput, shareText, thresholdText, timeLeft, toLocalInput } from './proposal-text';

describe('proposal text', () => {
  it('counts down in the two largest units', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(timeLeft('2026-11-30T16:05:00Z', now)).toBe('3 days 4 hours');
    expect(timeLeft('2026-11-27T12:05:00Z', now)).toBe('5 minutes');
    expect(timeLeft('2026-11-27T12:01:01Z', now)).toBe('1 minute 1 second');
    expect(timeLeft('2026-11-27T12:00:42Z', now)).toBe('42 seconds');
    expect(timeLeft('2026-11-27T12:00:00Z', now)).toBeNull();
    expect(timeLeft('2026-11-27T11:00:00Z', now)).toBeNull();
  });

  it('explains the threshold of each kind in plain words', () => {
    expect(thresholdText({ kind: 'ordinary', quorumBp: 2500 })).toMatch(/simple majority.*at least 25% of the eligible members must vote/);
    expect(thresholdText({ kind: 'special', quorumBp: 5000 })).toMatch(/two-thirds/);
    expect(thresholdText({ kind: 'election', quorumBp: 1000, seats: 3 })).toMatch(/The 3 candidates with the most approvals are elected/);
  });

  it('writes shares and survives an empty electorate', () => {
    expect(shareText(2, 3)).toBe('66.7%');
    expect(shareText(0, 0)).toBe('0%');
  });

  it('round-trips the datetime-local value', () => {
    const iso = '2026-12-01T18:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });
});
