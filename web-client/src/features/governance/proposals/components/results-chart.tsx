import { HorizontalBarChart } from '@/components/charts/horizontal-bar-chart';
import type { Proposal, ProposalResults } from '../api/types';
import { shareText } from '../lib/proposal-text';

/**
 * Votes per option as bars, with each count and its share of the votes cast written beside the bar and in the
 * table under it (the chart component's), so nothing depends on seeing the bars.
 */
export function ResultsChart({ proposal, results }: { proposal: Pick<Proposal, 'options' | 'kind' | 'title'>; results: ProposalResults }) {
  const votesFor = (optionId: string) => results.counts.find((c) => c.optionId === optionId)?.votes ?? 0;
  const elected = new Set(results.elected);
  // Approval ballots can tick several candidates: shares are of the members who voted, not of the ticks.
  const base = results.voted;
  const isElected = (candidateId: string | undefined) => candidateId !== undefined && elected.has(candidateId);
  const data = proposal.options.map((option) => ({
    key: option.id,
    label: isElected(option.candidate?.id) ? `${option.label} (elected)` : option.label,
    value: votesFor(option.id),
    extra: { share: shareText(votesFor(option.id), base) },
  }));
  if (proposal.kind === 'election') data.sort((a, b) => b.value - a.value);
  return (
    <HorizontalBarChart
      title={proposal.kind === 'election' ? 'Approvals per candidate' : 'Votes per option'}
      data={data}
      valueLabel={proposal.kind === 'election' ? 'Approvals' : 'Votes'}
      rowHeader={proposal.kind === 'election' ? 'Candidate' : 'Option'}
      extraColumns={[{ key: 'share', label: proposal.kind === 'election' ? 'Of members who voted' : 'Of votes cast' }]}
      format={(v) => `${v} (${shareText(v, base)})`}
      emptyText="No votes were cast."
    />
  );
}
