namespace MediaCoop.Api.Governance;

/// <summary>An option as the tally sees it.</summary>
public sealed record TallyOption(Guid Id, string Role, Guid? CandidateUserId);

/// <summary>What the tally decides, before it is stamped with its close time and settings-change id.</summary>
public sealed record TallyResult(int Eligible, int Voted, int TurnoutBp, bool QuorumMet, IReadOnlyList<OptionCount> Counts,
    string Outcome, IReadOnlyList<Guid> Elected, Guid? WinningOptionId)
{
    public bool Carried => Outcome == ProposalOutcomes.Carried;
}

/// <summary>
/// The counting rules, in integer arithmetic (no rounding can tip a vote):
/// <list type="bullet">
/// <item>Quorum: voted·10000 ≥ quorum_bp·eligible; abstentions count toward it. Without quorum: no_quorum.</item>
/// <item>Yes/no: ordinary carries iff yes &gt; no; special iff 3·yes ≥ 2·(yes+no) and yes &gt; 0. yes = no &gt; 0 is
///   tied (not carried); nobody voting yes or no is failed.</item>
/// <item>Custom options: the plurality among non-abstain votes wins if it passes the kind's threshold of the
///   non-abstain votes (ordinary: 2·top &gt; total; special: 3·top ≥ 2·total); a tie for first is tied.</item>
/// <item>Elections (approval): the top <c>seats</c> candidates by approvals with at least one approval are elected; when
///   candidates tie across the last seat(s) none of the tied is elected and the outcome is tied (the seats stay empty
///   for a new vote); otherwise elected.</item>
/// </list>
/// </summary>
public static class ProposalTally
{
    public static TallyResult Count(string kind, int? seats, int quorumBp, int eligible, IReadOnlyList<TallyOption> options,
        IEnumerable<IReadOnlyList<Guid>> ballots)
    {
        var counts = options.ToDictionary(o => o.Id, _ => 0);
        var voted = 0;
        foreach (var ballot in ballots)
        {
            voted++;
            foreach (var optionId in ballot.Distinct())
                if (counts.TryGetValue(optionId, out var n)) counts[optionId] = n + 1;
        }
        var countList = options.Select(o => new OptionCount(o.Id, counts[o.Id])).ToList();
        var turnoutBp = eligible == 0 ? 0 : (int)((long)voted * 10000 / eligible);
        var quorumMet = (long)voted * 10000 >= (long)quorumBp * eligible;
        TallyResult Result(string outcome, IReadOnlyList<Guid>? elected = null, Guid? winner = null) =>
            new(eligible, voted, turnoutBp, quorumMet, countList, outcome, elected ?? [], winner);

        if (!quorumMet) return Result(ProposalOutcomes.NoQuorum);

        if (kind == ProposalKinds.Election)
            return Elect(seats ?? 1, options, counts, Result);

        var yes = options.SingleOrDefault(o => o.Role == "yes");
        var no = options.SingleOrDefault(o => o.Role == "no");
        if (yes is not null && no is not null)
        {
            var y = (long)counts[yes.Id];
            var n = (long)counts[no.Id];
            if (y == 0) return Result(ProposalOutcomes.Failed);
            if (y == n) return Result(ProposalOutcomes.Tied);
            var carried = kind == ProposalKinds.Special ? 3 * y >= 2 * (y + n) : y > n;
            return carried ? Result(ProposalOutcomes.Carried, winner: yes.Id) : Result(ProposalOutcomes.Failed);
        }

        var choices = options.Where(o => o.Role == "choice").Select(o => (o.Id, Votes: (long)counts[o.Id])).OrderByDescending(c => c.Votes).ToList();
        var total = choices.Sum(c => c.Votes);
        if (total == 0) return Result(ProposalOutcomes.Failed);
        if (choices.Count > 1 && choices[0].Votes == choices[1].Votes) return Result(ProposalOutcomes.Tied);
        var top = choices[0];
        var passes = kind == ProposalKinds.Special ? 3 * top.Votes >= 2 * total : 2 * top.Votes > total;
        return passes ? Result(ProposalOutcomes.Carried, winner: top.Id) : Result(ProposalOutcomes.Failed);
    }

    private static TallyResult Elect(int seats, IReadOnlyList<TallyOption> options, Dictionary<Guid, int> counts,
        Func<string, IReadOnlyList<Guid>?, Guid?, TallyResult> result)
    {
        var ranked = options.Where(o => o.CandidateUserId is not null && counts[o.Id] > 0)
            .OrderByDescending(o => counts[o.Id]).ToList();
        if (ranked.Count <= seats)
            return ranked.Count == 0
                ? result(ProposalOutcomes.Failed, null, null)
                : result(ProposalOutcomes.Elected, ranked.Select(o => o.CandidateUserId!.Value).ToList(), null);
        // The approvals the last seat needs; if the first loser has as many, everyone on that count is tied out.
        var lastSeat = counts[ranked[seats - 1].Id];
        var firstOut = counts[ranked[seats].Id];
        if (lastSeat > firstOut)
            return result(ProposalOutcomes.Elected, ranked.Take(seats).Select(o => o.CandidateUserId!.Value).ToList(), null);
        var clear = ranked.Where(o => counts[o.Id] > lastSeat).Select(o => o.CandidateUserId!.Value).ToList();
        return result(ProposalOutcomes.Tied, clear, null);
    }
}
