using FluentValidation;
using MediaCoop.Api.Platform;

namespace MediaCoop.Api.Governance;

public static class ProposalKinds
{
    public const string Ordinary = "ordinary";
    public const string Special = "special";
    public const string Election = "election";
    public static readonly IReadOnlyList<string> All = [Ordinary, Special, Election];
}

public static class ProposalStatuses
{
    public const string Draft = "draft";
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Withdrawn = "withdrawn";
    public static readonly IReadOnlyList<string> All = [Draft, Open, Closed, Withdrawn];
}

public static class ProposalOutcomes
{
    public const string Carried = "carried";
    public const string Failed = "failed";
    public const string Elected = "elected";
    public const string NoQuorum = "no_quorum";
    public const string Tied = "tied";
}

public static class MemberClasses
{
    public static readonly IReadOnlyList<string> All = ["contributor", "worker", "founder", "buyer_member"];
}

public sealed record ProposalPerson(Guid Id, string DisplayName);

/// <summary>An option on the ballot. <c>role</c>: yes | no | abstain | choice (a custom option) | candidate (elections).</summary>
public sealed record ProposalOption(Guid Id, string Label, string Role, ProposalPerson? Candidate);

/// <summary>Live while the vote is open: how many may vote and how many have. Never counts per option before close.</summary>
public sealed record ProposalTurnout(int Eligible, int Voted);

/// <summary>
/// The caller's own ballot. After a secret ballot closes, the choice is separated from the voter to keep it secret,
/// so <c>optionIds</c> is then empty: only the fact of having voted remains.
/// </summary>
public sealed record MyBallot(IReadOnlyList<Guid> OptionIds, DateTimeOffset CastAt);

public sealed record OptionCount(Guid OptionId, int Votes);

/// <summary>
/// The recorded result, computed once at close and never changed. <c>outcome</c>: carried | failed | elected | no_quorum
/// | tied. Elections: <c>elected</c> lists the winners; <c>tied</c> means a tie at the last seat left it unfilled.
/// <c>settingsChangeId</c>: the change a carried binding proposal made; <c>settingsChangeProblem</c>: why it could not be
/// made at close (the co-op had moved on since the vote opened).
/// </summary>
public sealed record ProposalResults(
    int Eligible,
    int Voted,
    int TurnoutBp,
    bool QuorumMet,
    IReadOnlyList<OptionCount> Counts,
    string Outcome,
    IReadOnlyList<Guid> Elected,
    Guid? WinningOptionId,
    Guid? SettingsChangeId,
    string? SettingsChangeProblem,
    DateTimeOffset ClosedAt);

/// <summary>Who voted for what, listed only for non-secret proposals after close.</summary>
public sealed record RecordedBallot(ProposalPerson Voter, IReadOnlyList<Guid> OptionIds);

public sealed record Proposal(
    Guid Id,
    string Title,
    string Body,
    string BodyHtml,
    string Kind,
    string Status,
    ProposalPerson Author,
    IReadOnlyList<ProposalOption> Options,
    int QuorumBp,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    IReadOnlyList<string> EligibleClasses,
    bool SecretBallot,
    int? Seats,
    SettingsChange? SettingsChange,
    Guid? MeetingId,
    ProposalTurnout? Turnout,
    MyBallot? MyVote,
    ProposalResults? Results,
    IReadOnlyList<RecordedBallot>? Ballots,
    bool CanVote,
    bool CanEdit,
    bool CanOpen,
    bool CanWithdraw,
    DateTimeOffset CreatedAt,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt);

public sealed record ProposalSummary(
    Guid Id,
    string Title,
    string Kind,
    string Status,
    ProposalPerson Author,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    ProposalTurnout? Turnout,
    string? Outcome,
    bool Voted);

public sealed record ProposalList(IReadOnlyList<ProposalSummary> Items);

/// <summary>
/// A draft. Ordinary and special resolutions: leave <c>options</c> empty for yes/no/abstain, or give 2 to 10 custom
/// options (an abstain option is added). Elections: <c>candidateIds</c> (current members) and <c>seats</c>.
/// </summary>
public sealed record DraftProposalRequest(
    string Title,
    string Body,
    string Kind,
    IReadOnlyList<string>? Options,
    IReadOnlyList<Guid>? CandidateIds,
    int? Seats,
    int QuorumBp,
    IReadOnlyList<string> EligibleClasses,
    bool? SecretBallot,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    SettingsChange? SettingsChange,
    Guid? MeetingId);

public sealed class DraftProposalRequestValidator : AbstractValidator<DraftProposalRequest>
{
    public DraftProposalRequestValidator()
    {
        RuleFor(r => r.Title).Must(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 200)
            .WithMessage("Give the proposal a title of 1 to 200 characters.");
        RuleFor(r => r.Body).Must(b => !string.IsNullOrWhiteSpace(b) && b.Length <= SafeMarkdown.MaxLength)
            .WithMessage($"Explain the proposal in 1 to {SafeMarkdown.MaxLength:N0} characters.");
        RuleFor(r => r.Kind).Must(k => ProposalKinds.All.Contains(k))
            .WithMessage("The kind is ordinary (simple majority), special (two-thirds) or election.");
        RuleFor(r => r.QuorumBp).InclusiveBetween(0, 10000)
            .WithMessage("The quorum is a share of the eligible members between 0 and 10000 basis points (100 %).");
        RuleFor(r => r.EligibleClasses).Must(c => c is { Count: > 0 } && c.All(MemberClasses.All.Contains) && c.Distinct().Count() == c.Count)
            .WithMessage("Name one or more member classes who may vote: contributor, worker, founder, buyer_member.");
        RuleFor(r => r.Options).Must(o => o is null || o.Count == 0 || (o.Count is >= 2 and <= 10
                && o.All(l => !string.IsNullOrWhiteSpace(l) && l.Trim().Length <= 200)
                && o.Select(l => l.Trim().ToUpperInvariant()).Distinct().Count() == o.Count))
            .WithMessage("Leave the options empty for yes / no / abstain, or give 2 to 10 different options of up to 200 characters.");
        RuleFor(r => r.Options).Must(o => o is null || o.Count == 0).When(r => r.Kind == ProposalKinds.Election)
            .WithMessage("An election's options are its candidates: list them in candidateIds.");
        RuleFor(r => r.CandidateIds).Must(c => c is null || c.Count == 0).When(r => r.Kind != ProposalKinds.Election)
            .WithMessage("Only elections have candidates.");
        RuleFor(r => r.CandidateIds).Must(c => c is { Count: >= 2 and <= 50 } && c.Distinct().Count() == c.Count)
            .When(r => r.Kind == ProposalKinds.Election)
            .WithMessage("An election lists 2 to 50 different candidates.");
        RuleFor(r => r.Seats).Must((r, s) => s is >= 1 && s < (r.CandidateIds?.Count ?? 0))
            .When(r => r.Kind == ProposalKinds.Election)
            .WithMessage("An election fills at least one seat and fewer seats than it has candidates.");
        RuleFor(r => r.Seats).Null().When(r => r.Kind != ProposalKinds.Election)
            .WithMessage("Only elections have seats.");
        RuleFor(r => r.SettingsChange).Null().When(r => r.Kind == ProposalKinds.Election || r.Options is { Count: > 0 })
            .WithMessage("Only a yes / no resolution (ordinary or special) can change the co-op's settings.");
        RuleFor(r => r.ClosesAt).Must((r, c) => c is null || r.OpensAt is null || c > r.OpensAt)
            .WithMessage("Voting must close after it opens.");
    }
}

/// <summary>Opens the vote. Times not given come from the draft; opensAt in the past or absent means now.</summary>
public sealed record OpenProposalRequest(DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt);

public sealed class OpenProposalRequestValidator : AbstractValidator<OpenProposalRequest>
{
    public OpenProposalRequestValidator()
    {
        RuleFor(r => r.ClosesAt).Must((r, c) => c is null || r.OpensAt is null || c > r.OpensAt)
            .WithMessage("Voting must close after it opens.");
    }
}

/// <summary>One option for ordinary and special resolutions; one or more candidates (approval voting) in elections.</summary>
public sealed record CastVoteRequest(IReadOnlyList<Guid> OptionIds);

public sealed class CastVoteRequestValidator : AbstractValidator<CastVoteRequest>
{
    public CastVoteRequestValidator()
    {
        RuleFor(r => r.OptionIds).Must(o => o is { Count: >= 1 and <= 50 } && o.Distinct().Count() == o.Count)
            .WithMessage("Choose at least one option, each once.");
    }
}
