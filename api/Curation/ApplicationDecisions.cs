using FluentValidation;

namespace MediaCoop.Api.Curation;

public sealed record MembershipApplicationRequest(string Statement, string[] Links, Guid[] SampleAssetIds);

public sealed class MembershipApplicationRequestValidator : AbstractValidator<MembershipApplicationRequest>
{
    public MembershipApplicationRequestValidator()
    {
        RuleFor(r => r.Statement).NotEmpty().WithMessage("Tell the board about your work in a short statement.")
            .MaximumLength(ApplicationDecisions.MaxStatementLength).WithMessage("A statement has at most 2,000 characters.");
        RuleFor(r => r.Links).NotNull().WithMessage("List your portfolio links (or an empty list).")
            .Must(l => l is null || l.Length <= ApplicationDecisions.MaxLinks).WithMessage("List at most 5 portfolio links.");
        RuleForEach(r => r.Links).Must(ApplicationDecisions.IsPortfolioLink)
            .WithMessage("Each link must be a full web address starting with http:// or https://.");
        RuleFor(r => r.SampleAssetIds).NotNull().WithMessage("Choose your sample images.")
            .Must(ids => ids is null || ids.Distinct().Count() == ApplicationDecisions.SampleCount && ids.Length == ApplicationDecisions.SampleCount)
            .WithMessage("Choose exactly 10 different sample images.");
    }
}

public sealed record ApplicationDecisionRequest(string Vote, string? Reason, string? Note);

public sealed class ApplicationDecisionRequestValidator : AbstractValidator<ApplicationDecisionRequest>
{
    public ApplicationDecisionRequestValidator()
    {
        RuleFor(r => r.Vote).Must(v => v is ApplicationDecisions.Approve or ApplicationDecisions.Decline)
            .WithMessage("Vote 'approve' or 'decline'.");
        RuleFor(r => r.Reason).NotEmpty().When(r => r.Vote == ApplicationDecisions.Decline)
            .WithMessage("A decline needs a reason the applicant can act on.");
        RuleFor(r => r.Reason).MaximumLength(2000).WithMessage("A reason has at most 2,000 characters.");
        RuleFor(r => r.Note).MaximumLength(2000).WithMessage("A note has at most 2,000 characters.");
    }
}

/// <summary>The rules of membership applications: what an application holds and how many approvals accept one.</summary>
public static class ApplicationDecisions
{
    public const int SampleCount = 10;
    public const int MaxLinks = 5;
    public const int MaxStatementLength = 2000;
    public const string Approve = "approve";
    public const string Decline = "decline";

    /// <summary>Approvals by different editors that accept an application (config <c>Membership:ApprovalsRequired</c>).</summary>
    public static int ApprovalsRequired(IConfiguration configuration) =>
        Math.Max(1, configuration.GetValue("Membership:ApprovalsRequired", 2));

    /// <summary>Days after a decline before one may apply again (config <c>Membership:ReapplyAfterDays</c>).</summary>
    public static int ReapplyAfterDays(IConfiguration configuration) =>
        Math.Max(0, configuration.GetValue("Membership:ReapplyAfterDays", 90));

    public static bool IsPortfolioLink(string? link) =>
        link is { Length: <= 2000 } && Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);
}
