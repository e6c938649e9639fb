import type { Ref } from 'react';
import { Alert } from '@/components/ui/alert';

/** What still has to be done before an asset can be submitted, in the server's words. */
export function MissingList({ missing, title = 'Not ready to submit yet', ref }: { missing: readonly string[]; title?: string; ref?: Ref<HTMLDivElement> }) {
  return (
    <Alert ref={ref} title={title}>
      <ul className="missing-list">
        {missing.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </Alert>
  );
}
