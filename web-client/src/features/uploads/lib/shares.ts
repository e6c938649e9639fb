/** A credited contributor as the form edits it: the share is the text of a percentage input. */
export type ShareRow = { userId: string; displayName: string | null; percent: string };

export const TOTAL_BASIS_POINTS = 10_000;

/** "33.33" → 3333; null when it is not a percentage with at most two decimals. */
export function percentToBasisPoints(percent: string): number | null {
  const text = percent.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return null;
  const basisPoints = Math.round(Number(text) * 100);
  return basisPoints > TOTAL_BASIS_POINTS ? null : basisPoints;
}

export function basisPointsToPercent(basisPoints: number): string {
  return String(basisPoints / 100);
}

/** Why the shares cannot be saved, or null when they are fine. */
export function sharesError(rows: readonly ShareRow[]): string | null {
  if (rows.length === 0) return 'At least one contributor must be credited.';
  let total = 0;
  for (const row of rows) {
    const points = percentToBasisPoints(row.percent);
    if (points === null || points <= 0) {
      return `Enter a share between 0.01% and 100% for ${row.displayName ?? row.userId}.`;
    }
    total += points;
  }
  const ids = new Set(rows.map((r) => r.userId.toLowerCase()));
  if (ids.size !== rows.length) return 'Each contributor can be credited only once.';
  if (total !== TOTAL_BASIS_POINTS) return `Shares must add up to 100% (now ${total / 100}%).`;
  return null;
}

export function toContributors(rows: readonly ShareRow[]): { userId: string; shareBasisPoints: number }[] {
  return rows.map((r) => ({ userId: r.userId, shareBasisPoints: percentToBasisPoints(r.percent) ?? 0 }));
}
