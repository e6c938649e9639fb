using CsCheck;
using MediaCoop.Api.Royalties;

namespace MediaCoop.Tests.Royalties;

public sealed class PatronageFormulaTests
{
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid W1 = new("00000000-0000-0000-0000-0000000000d1");
    private static readonly Guid W3 = new("00000000-0000-0000-0000-0000000000d3");
    private static readonly Guid F = new("00000000-0000-0000-0000-0000000000f0");

    private static readonly PatronageCandidate[] KnownMembers =
    [
        new(C, "contributor", 10000), new(A, "contributor", 60000), new(B, "contributor", 30000),
        new(W1, "worker", 1), new(W3, "worker", 3), new(F, "founder", 1),
    ];

    [Test]
    public void An_odd_pool_gives_its_remainder_units_to_the_largest_remainders_and_cash_rounds_up()
    {
        // 10,000,001 by 90/5/5: 9,000,000.9 / 500,000.05 / 500,000.05 → the spare cent to contributors (.9);
        // within them 6:3:1 → 5,400,000.6 / 2,700,000.3 / 900,000.1 → the spare cent to A.
        var parts = PatronageFormula.Allocate(10_000_001, PatronageFormulaSettings.Default, KnownMembers).ToDictionary(p => p.UserId);

        Assert.That(parts[A].Amount, Is.EqualTo(5_400_001));
        Assert.That(parts[B].Amount, Is.EqualTo(2_700_000));
        Assert.That(parts[C].Amount, Is.EqualTo(900_000));
        Assert.That(parts[W1].Amount + parts[W3].Amount, Is.EqualTo(500_000));
        Assert.That(parts[F].Amount, Is.EqualTo(500_000));
        Assert.That(parts[A].Cash, Is.EqualTo(1_080_001), "ceil(5,400,001 × 20 %) — at least a fifth in cash");
        Assert.That(parts[A].Retained, Is.EqualTo(4_320_000));
        Assert.That(parts.Values.Sum(p => p.Amount), Is.EqualTo(10_000_001));
    }

    [Test]
    public void A_class_with_nobody_eligible_passes_its_share_to_the_other_classes_pro_rata()
    {
        // No founders: 9000:500 of 950,000 → 900,000 contributors, 50,000 workers.
        var parts = PatronageFormula.Allocate(950_000, PatronageFormulaSettings.Default, KnownMembers.Where(m => m.MemberClass != "founder").ToList());
        Assert.That(parts.Where(p => p.MemberClass == "contributor").Sum(p => p.Amount), Is.EqualTo(900_000));
        Assert.That(parts.Where(p => p.MemberClass == "worker").Sum(p => p.Amount), Is.EqualTo(50_000));

        Assert.Throws<InvalidOperationException>(() => PatronageFormula.Allocate(100, PatronageFormulaSettings.Default, [new(A, "contributor", 0)]),
            "a contributor with no royalties that year is no basis for an allocation");
    }

    [Test]
    public void Any_pool_and_any_member_mix_allocates_exactly_the_pool_with_no_negative_part()
    {
        var classes = new[] { "contributor", "worker", "founder", "buyer_member" };
        var member = Gen.Select(Gen.Guid, Gen.OneOf(classes), Gen.OneOf<long>(Gen.Long[0, 5], Gen.Long[0, 1_000_000_000_000]))
            .Select(m => new PatronageCandidate(m.Item1, m.Item2, m.Item3));
        var settings = Gen.Select(Gen.Int[0, 10000], Gen.Int[0, 10000], Gen.Int[0, 10000], Gen.Int[0, 10000])
            .Select(s => new PatronageFormulaSettings(new Dictionary<string, int> { ["contributor"] = s.Item1, ["worker"] = s.Item2, ["founder"] = s.Item3 }, s.Item4));
        var pool = Gen.OneOf<long>(Gen.Long[0, 1000], Gen.Long[0, 100_000_000_000_000]);

        Gen.Select(pool, settings, member.List[0, 25]).Sample(sample =>
        {
            var (total, formula, members) = sample;
            var eligible = members.Where(m => m.Weight > 0 && formula.ShareOf(m.MemberClass) > 0).ToList();
            if (eligible.Count == 0)
            {
                Assert.Throws<InvalidOperationException>(() => PatronageFormula.Allocate(total, formula, members));
                return;
            }
            var parts = PatronageFormula.Allocate(total, formula, members);

            Assert.That(parts.Sum(p => p.Amount), Is.EqualTo(total), "the whole pool, exactly");
            Assert.That(parts.Select(p => p.UserId), Is.Unique);
            Assert.That(parts.Select(p => p.UserId), Is.EquivalentTo(eligible.Select(m => m.UserId)), "only members with a basis in a class with a share");
            foreach (var p in parts)
            {
                Assert.That(p.Amount, Is.GreaterThanOrEqualTo(0));
                Assert.That(p.Cash + p.Retained, Is.EqualTo(p.Amount));
                Assert.That(p.Retained, Is.GreaterThanOrEqualTo(0));
                // ceil: at least the cash share, less than one unit above it.
                Assert.That((Int128)p.Cash * 10000, Is.GreaterThanOrEqualTo((Int128)p.Amount * formula.CashBp));
                Assert.That((Int128)p.Cash * 10000, Is.LessThan((Int128)p.Amount * formula.CashBp + 10000));
            }
            // Within a class each part is its exact pro-rata share rounded down or up.
            foreach (var inClass in parts.GroupBy(p => p.MemberClass))
            {
                var classTotal = (Int128)inClass.Sum(p => p.Amount);
                var weights = (Int128)inClass.Sum(p => p.Weight);
                foreach (var p in inClass)
                {
                    var exactTimesWeights = classTotal * p.Weight;
                    Assert.That((Int128)p.Amount * weights, Is.GreaterThan(exactTimesWeights - weights).And.LessThan(exactTimesWeights + weights));
                }
            }
        }, iter: 2000);
    }
}
