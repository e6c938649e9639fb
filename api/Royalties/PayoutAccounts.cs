using Dapper;
using MediaCoop.Api.Licensing;
using Microsoft.Extensions.Options;
using Npgsql;
using Stripe;

namespace MediaCoop.Api.Royalties;

/// <summary>
/// A contributor's Stripe Connect Express account: created once (the idempotency key <c>connect-&lt;user id&gt;</c>
/// makes a double click or a retry return the same account, and our user id rides in its metadata), onboarded
/// through Stripe-hosted Account Links, and enabled when Stripe's <c>account.updated</c> says transfers and
/// payouts are on.
/// </summary>
public sealed class PayoutAccounts(NpgsqlDataSource db, StripeGateway stripe, IOptions<PaymentOptions> payments, TimeProvider time)
{
    public const string ReturnPath = "/account/payouts";

    /// <summary>The onboarding link for the member's account, creating the account first if needed.</summary>
    public async Task<Uri> OnboardingLinkAsync(Guid userId, string email, CancellationToken ct)
    {
        var origin = (payments.Value.PublicOrigin ?? throw new PaymentProviderException("Payments:PublicOrigin is not set.")).TrimEnd('/');
        string? accountId;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            accountId = await connection.ExecuteScalarAsync<string?>(
                "select stripe_account_id from payout_accounts where user_id = @userId", new { userId });
        }

        if (accountId is null)
        {
            var account = await new AccountService(stripe.Client).CreateAsync(new AccountCreateOptions
            {
                // Express: Stripe onboards and verifies the member, who gets Stripe's Express dashboard; the co-op
                // pays Stripe's fees and carries negative balances (its transfers are reversible).
                Controller = new AccountControllerOptions
                {
                    StripeDashboard = new AccountControllerStripeDashboardOptions { Type = "express" },
                    Fees = new AccountControllerFeesOptions { Payer = "application" },
                    Losses = new AccountControllerLossesOptions { Payments = "application" },
                    RequirementCollection = "stripe",
                },
                Email = email,
                Capabilities = new AccountCapabilitiesOptions { Transfers = new AccountCapabilitiesTransfersOptions { Requested = true } },
                Metadata = new Dictionary<string, string> { ["user_id"] = userId.ToString() },
            }, new RequestOptions { IdempotencyKey = $"connect-{userId}" }, ct);
            accountId = account.Id;
            await using var connection = await db.OpenConnectionAsync(ct);
            // Two clicks at once get the same account from Stripe; the first row stands.
            const string saveSql = """
                insert into payout_accounts (user_id, stripe_account_id, status, updated_at)
                values (@userId, @accountId, 'onboarding', @now)
                on conflict (user_id) do update set stripe_account_id = excluded.stripe_account_id, status = 'onboarding', updated_at = excluded.updated_at
                where payout_accounts.stripe_account_id is null
                """;
            await connection.ExecuteAsync(saveSql, new { userId, accountId, now = time.GetUtcNow() });
            accountId = await connection.ExecuteScalarAsync<string>("select stripe_account_id from payout_accounts where user_id = @userId", new { userId });
        }

        var link = await new AccountLinkService(stripe.Client).CreateAsync(new AccountLinkCreateOptions
        {
            Account = accountId,
            Type = "account_onboarding",
            // Stripe sends the member to refresh_url when the single-use link has expired or was used: the page asks for a new one.
            RefreshUrl = $"{origin}{ReturnPath}?onboarding=refresh",
            ReturnUrl = $"{origin}{ReturnPath}?onboarding=return",
        }, cancellationToken: ct);
        return new Uri(link.Url);
    }

    /// <summary>
    /// Applies Stripe's <c>account.updated</c> (inside the webhook's transaction): enabled once Stripe lets the
    /// account receive transfers and pay out, back to onboarding if Stripe later needs more details.
    /// </summary>
    public static async Task<string> ApplyAccountUpdatedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Account account, DateTimeOffset now)
    {
        var transfersActive = account.Capabilities?.Transfers is null or "active";
        var status = account.PayoutsEnabled && transfersActive ? "enabled" : "onboarding";
        const string sql = """
            update payout_accounts set status = @status, updated_at = @now where stripe_account_id = @id
            """;
        var updated = await connection.ExecuteAsync(sql, new { status, now, id = account.Id }, transaction);
        if (updated > 0) return $"payout-account-{status}";
        // Created by a request whose answer we never stored: the metadata names the member.
        if (Guid.TryParse(account.Metadata?.GetValueOrDefault("user_id"), out var userId))
        {
            const string adoptSql = """
                insert into payout_accounts (user_id, stripe_account_id, status, updated_at)
                select @userId, @id, @status, @now where exists (select 1 from users where id = @userId)
                on conflict (user_id) do update set stripe_account_id = excluded.stripe_account_id, status = excluded.status, updated_at = excluded.updated_at
                where payout_accounts.stripe_account_id is null
                """;
            if (await connection.ExecuteAsync(adoptSql, new { userId, id = account.Id, status, now }, transaction) > 0) return $"payout-account-{status}";
        }
        return "unknown-account";
    }
}
