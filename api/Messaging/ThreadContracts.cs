using FluentValidation;
using MediaCoop.Api.Platform;

namespace MediaCoop.Api.Messaging;

public static class ThreadKinds
{
    public const string Question = "question";
    public const string Commission = "commission";
    public static readonly IReadOnlyList<string> All = [Question, Commission];
}

/// <summary>The photo a conversation is about.</summary>
public sealed record ThreadAsset(Guid Id, string? Title, string? ThumbnailUrl);

/// <summary>The newest message of a thread; <c>excerpt</c> is null when that message is hidden from the caller.</summary>
public sealed record LastMessage(string? Excerpt, DateTimeOffset At, Guid AuthorId);

/// <summary>A commission request's terms. <c>brief</c> is a plain-text preview of the first message (the full brief).</summary>
public sealed record Commission(string? Brief, Money? Budget, DateOnly? Deadline);

public sealed record ThreadSummary(Guid Id, string Kind, string Subject, ThreadAsset? Asset, Person Counterpart, LastMessage? LastMessage,
    int UnreadCount, Commission? Commission, DateTimeOffset CreatedAt);

public sealed record ThreadList(IReadOnlyList<ThreadSummary> Items, string? NextCursor);

/// <summary>
/// A private thread with its messages, oldest first. <c>canReply</c> is false when either party blocked the other;
/// <c>cannotReplyReason</c> then says why, in words to show.
/// </summary>
public sealed record ThreadDetail(Guid Id, string Kind, string Subject, ThreadAsset? Asset, Person Counterpart, Commission? Commission,
    DateTimeOffset CreatedAt, DateTimeOffset LastMessageAt, int UnreadCount, bool CanReply, string? CannotReplyReason,
    IReadOnlyList<MessageView> Messages);

/// <summary>Private threads with unread messages, and members' board topics with unread posts (0 for non-members).</summary>
public sealed record UnreadCounts(int Threads, int Board);

public sealed record StartThreadRequest(Guid RecipientId, string Kind, string Subject, string Body, Guid? AssetId, Money? Budget, DateOnly? Deadline);

public sealed class StartThreadRequestValidator : AbstractValidator<StartThreadRequest>
{
    public StartThreadRequestValidator(TimeProvider time)
    {
        RuleFor(r => r.RecipientId).NotEmpty().WithMessage("Choose the contributor to write to.");
        RuleFor(r => r.Kind).Must(k => ThreadKinds.All.Contains(k)).WithMessage("kind is \"question\" or \"commission\".");
        RuleFor(r => r.Subject).Must(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= 200)
            .WithMessage("Give the conversation a subject of 1 to 200 characters.");
        RuleFor(r => r.Body).MarkdownBody("message");
        When(r => r.Kind != ThreadKinds.Commission, () =>
        {
            RuleFor(r => r.Budget).Null().WithMessage("A budget belongs to a commission request; choose kind \"commission\" or leave it out.");
            RuleFor(r => r.Deadline).Null().WithMessage("A deadline belongs to a commission request; choose kind \"commission\" or leave it out.");
        });
        RuleFor(r => r.Budget!.Amount).GreaterThan(0).When(r => r.Budget is not null)
            .OverridePropertyName("budget.amount")
            .WithMessage("A budget is a positive amount in minor units (2500 is 25.00), or leave it out.");
        RuleFor(r => r.Budget!.Currency).Matches("^[A-Z]{3}$").When(r => r.Budget is not null)
            .OverridePropertyName("budget.currency")
            .WithMessage("Give the budget's currency as a three-letter ISO code such as EUR or USD.");
        // "Today" somewhere on Earth: a person twelve hours behind UTC may still pick the date that is yesterday in UTC.
        RuleFor(r => r.Deadline).Must(d => d is null || d.Value >= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(-12)))
            .WithMessage("The deadline has passed; choose today or a later date, or leave it out.");
    }
}

public sealed record PostMessageRequest(string Body);

public sealed class PostMessageRequestValidator : AbstractValidator<PostMessageRequest>
{
    public PostMessageRequestValidator() => RuleFor(r => r.Body).MarkdownBody("message");
}

/// <summary>Any Markdown a person writes: not blank, and at most <see cref="SafeMarkdown.MaxLength"/> characters.</summary>
public static class MarkdownBodyRules
{
    public static IRuleBuilderOptions<T, string> MarkdownBody<T>(this IRuleBuilderInitial<T, string> rule, string what) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage($"Write the {what}: it can't be empty.")
            .Must(b => b.Length <= SafeMarkdown.MaxLength)
            .WithMessage((_, b) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The {what} has {b.Length:N0} characters; the most is {SafeMarkdown.MaxLength:N0}. Shorten it or split it in two."));
}
