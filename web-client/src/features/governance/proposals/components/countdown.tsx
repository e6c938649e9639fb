import { timeLeft } from '../lib/proposal-text';
import { useNow } from '../lib/use-now';

/** "Closes in 2 hours 5 minutes" ticking down; once past, says the count is on its way. */
export function Countdown({ closesAt }: { closesAt: string }) {
  const left = timeLeft(closesAt, useNow());
  // Not a live region: announcing every second would drown everything else out.
  return <span className="countdown">{left ? `Closes in ${left}` : 'Voting has ended; the result is being counted.'}</span>;
}
