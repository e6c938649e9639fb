using MediaCoop.Api.Governance;

namespace MediaCoop.Tests.Governance;

/// <summary>The counting rules on their own, at the edges where one vote changes the outcome.</summary>
public sealed class ProposalTallyTests
{
    private static readonly TallyOption Yes = new(Guid.NewGuid(), "yes", null);
    private static readonly TallyOption No = new(Guid.NewGuid(), "no", null);
    private static readonly TallyOption Abstain = new(Guid.NewGuid(), "abstain", null);
    private static readonly TallyOption[] YesNo = [Yes, No, Abstain];

    private static IEnumerable<IReadOnlyList<Guid>> Ballots(params (TallyOption Option, int Count)[] votes) =>
        votes.SelectMany(v => Enumerable.Repeat<IReadOnlyList<Guid>>([v.Option.Id], v.Count));

    [TestCase("special", 2, 1, "carried")]
    [TestCase("special", 3, 2, "failed")]
    [TestCase("special", 4, 2, "carried")]
    [TestCase("special", 1, 0, "carried")]
    [TestCase("special", 0, 0, "failed")]
    [TestCase("ordinary", 3, 2, "carried")]
    [TestCase("ordinary", 2, 2, "tied")]
    [TestCase("ordinary", 0, 1, "failed")]
    public void Yes_no_thresholds(string kind, int yes, int no, string outcome)
    {
        var result = ProposalTally.Count(kind, null, 0, 100, YesNo, Ballots((Yes, yes), (No, no), (Abstain, 3)));
        Assert.That(result.Outcome, Is.EqualTo(outcome));
    }

    [TestCase(10, 3000, 2, false)]
    [TestCase(10, 3000, 3, true)]
    [TestCase(3, 5000, 1, false)]
    [TestCase(3, 5000, 2, true)]
    [TestCase(7, 10000, 7, true)]
    public void Quorum_counts_every_ballot_against_the_electorate(int eligible, int quorumBp, int voted, bool met)
    {
        var result = ProposalTally.Count("ordinary", null, quorumBp, eligible, YesNo, Ballots((Yes, 1), (Abstain, voted - 1)));
        Assert.Multiple(() =>
        {
            Assert.That(result.QuorumMet, Is.EqualTo(met));
            Assert.That(result.Outcome, Is.EqualTo(met ? "carried" : "no_quorum"));
        });
    }

    [Test]
    public void Custom_options_need_a_plurality_that_passes_the_kinds_threshold()
    {
        TallyOption a = new(Guid.NewGuid(), "choice", null), b = new(Guid.NewGuid(), "choice", null), c = new(Guid.NewGuid(), "choice", null);
        TallyOption[] options = [a, b, c, Abstain];
        var majority = ProposalTally.Count("ordinary", null, 0, 100, options, Ballots((a, 3), (b, 1), (c, 1), (Abstain, 10)));
        var plurality = ProposalTally.Count("ordinary", null, 0, 100, options, Ballots((a, 2), (b, 1), (c, 1)));
        var tie = ProposalTally.Count("ordinary", null, 0, 100, options, Ballots((a, 2), (b, 2)));
        var special = ProposalTally.Count("special", null, 0, 100, options, Ballots((a, 2), (b, 1)));
        Assert.Multiple(() =>
        {
            Assert.That((majority.Outcome, majority.WinningOptionId), Is.EqualTo(("carried", (Guid?)a.Id)));
            Assert.That(plurality.Outcome, Is.EqualTo("failed"), "2 of 4 is not more than half");
            Assert.That(tie.Outcome, Is.EqualTo("tied"));
            Assert.That(special.Outcome, Is.EqualTo("carried"), "2 of 3 is two-thirds");
        });
    }

    [Test]
    public void Elections_seat_the_most_approved_and_leave_a_tied_last_seat_empty()
    {
        var people = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var options = people.Select(p => new TallyOption(Guid.NewGuid(), "candidate", p)).ToArray();
        IReadOnlyList<Guid> Approve(params int[] who) => who.Select(i => options[i].Id).ToList();

        var clear = ProposalTally.Count("election", 2, 0, 10, options, [Approve(0, 1), Approve(0, 2), Approve(1), Approve(3, 0)]);
        var tied = ProposalTally.Count("election", 2, 0, 10, options, [Approve(0, 1), Approve(0, 2), Approve(3)]);
        var unopposed = ProposalTally.Count("election", 2, 0, 10, options, [Approve(2)]);
        Assert.Multiple(() =>
        {
            Assert.That((clear.Outcome, clear.Elected), Is.EqualTo(("elected", new[] { people[0], people[1] })));
            Assert.That(tied.Outcome, Is.EqualTo("tied"));
            Assert.That(tied.Elected, Is.EqualTo(new[] { people[0] }), "1, 2 and 3 tie for the second seat");
            Assert.That((unopposed.Outcome, unopposed.Elected), Is.EqualTo(("elected", new[] { people[2] })), "nobody with no approval is seated");
        });
    }
}
