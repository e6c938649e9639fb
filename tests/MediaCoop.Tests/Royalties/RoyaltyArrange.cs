using System.Security.Cryptography;
using Dapper;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Royalties;
using MediaCoop.Tests.Catalog;
using MediaCoop.Tests.Infrastructure;
using Npgsql;

namespace MediaCoop.Tests.Royalties;

/// <summary>One order line to arrange: the photo, its price and the part of it paid for extended add-ons.</summary>
public sealed record LineSpec(Guid AssetId, long Amount, long Extended = 0);

/// <summary>Arranges photos, orders and payouts for the royalty tests, straight in the tables (set-up, not the behaviour under test).</summary>
public static class RoyaltyArrange
{
    private static ApiFactory Api => ApiFactory.Shared;

    public static async Task<NpgsqlConnection> OpenAsync()
    {
        // The shared host applies the migrations when it starts.
        Api.NewClient().Dispose();
        var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A published 6000×4000 photo of <paramref name="ownerId"/>, credited as given (owner alone with 10000 by default).</summary>
    public static async Task<Guid> PhotoAsync(Guid ownerId, params (Guid UserId, int ShareBp)[] credits)
    {
        var assetId = await CatalogSeed.PhotoAsync(ownerId, new SeedPhoto { Title = "Royalty " + CatalogSeed.Word(), Width = 6000, Height = 4000 });
        if (credits.Length > 0)
        {
            await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
            await connection.ExecuteAsync("""
                delete from asset_contributors where asset_id = @assetId;
                insert into asset_contributors (asset_id, user_id, share_bp) select @assetId, unnest(@ids), unnest(@bps);
                """, new { assetId, ids = credits.Select(c => c.UserId).ToArray(), bps = credits.Select(c => c.ShareBp).ToArray() });
        }
        return assetId;
    }

    /// <summary>A pending demo order with these lines; returns its id and line ids in order.</summary>
    public static async Task<(Guid OrderId, Guid[] LineIds)> OrderAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid buyerId, params LineSpec[] lines)
    {
        var orderId = Guid.CreateVersion7();
        await connection.ExecuteAsync("""
            insert into orders (id, buyer_id, currency, total, idempotency_key, request_hash, expires_at, provider, checkout_reference)
            values (@orderId, @buyerId, 'USD', @total, @key, @hash, now() + interval '1 hour', 'demo', @reference)
            """, new { orderId, buyerId, total = lines.Sum(l => l.Amount), key = Guid.NewGuid().ToString(), hash = RandomNumberGenerator.GetBytes(32), reference = $"demo_{orderId:N}" }, tx);
        var ids = new Guid[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            ids[i] = Guid.CreateVersion7();
            await connection.ExecuteAsync("""
                insert into order_lines (id, order_id, line_no, asset_id, size, extended, width, height, editorial_only, amount, amount_extended)
                values (@id, @orderId, @no, @assetId, 'large', @codes, 4000, 2667, false, @amount, @extended)
                """, new
            {
                id = ids[i], orderId, no = i + 1, lines[i].AssetId, lines[i].Amount, lines[i].Extended,
                codes = lines[i].Extended > 0 ? new[] { "unlimited-print" } : Array.Empty<string>(),
            }, tx);
        }
        return (orderId, ids);
    }

    /// <summary>Orders and pays through the one fulfilment path, in one transaction, at <paramref name="at"/>.</summary>
    public static async Task<(Guid OrderId, Guid[] LineIds)> SaleAsync(Guid buyerId, DateTimeOffset at, params LineSpec[] lines)
    {
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var order = await OrderAsync(connection, tx, buyerId, lines);
        var outcome = await Fulfilment.MarkPaidAsync(connection, tx, order.OrderId, "demo", $"demo_{order.OrderId:N}", lines.Sum(l => l.Amount), "USD", at);
        Assert.That(outcome, Is.EqualTo(FulfilmentOutcome.Fulfilled));
        await tx.CommitAsync();
        return order;
    }

    /// <summary>A payout as roy-payouts records it: Dr royalties_payable(i) P; Cr payouts_in_transit P.</summary>
    public static async Task PayoutAsync(Guid userId, long amount, DateTimeOffset at)
    {
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await Ledger.PostAsync(connection, tx, new LedgerJournal($"payout:{Guid.CreateVersion7()}", "payout", at, "test payout", "USD",
            [new(AccountKinds.RoyaltiesPayable, userId, amount), new(AccountKinds.PayoutsInTransit, null, -amount)]));
        await tx.CommitAsync();
    }

    /// <summary>What the co-op owes the contributor (the payable's credit balance, positive).</summary>
    public static async Task<long> OwedAsync(Guid userId)
    {
        await using var connection = await OpenAsync();
        return -await Ledger.BalanceAsync(connection, AccountKinds.RoyaltiesPayable, userId, "USD");
    }

    public static async Task<long> ReceivableAsync(Guid userId)
    {
        await using var connection = await OpenAsync();
        return await Ledger.BalanceAsync(connection, AccountKinds.Receivable, userId, "USD");
    }

    public sealed record PostingRow
    {
        public string Kind { get; init; } = "";
        public Guid? UserId { get; init; }
        public long Amount { get; init; }
        public int? ShareBp { get; init; }
        public int? RateBp { get; init; }
    }

    /// <summary>The postings of the journal with this external reference, in posting order.</summary>
    public static async Task<List<PostingRow>> PostingsAsync(string externalRef)
    {
        await using var connection = await OpenAsync();
        return (await connection.QueryAsync<PostingRow>("""
            select a.kind, a.user_id, p.amount, p.share_bp, p.rate_bp
            from ledger_journals j join ledger_postings p on p.journal_id = j.id join ledger_accounts a on a.id = p.account_id
            where j.external_ref = @externalRef order by p.id
            """, new { externalRef })).AsList();
    }

    public static async Task<int> JournalCountAsync(string externalRefPrefix)
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteScalarAsync<int>("select count(*)::int from ledger_journals where external_ref like @p || '%'", new { p = externalRefPrefix });
    }
}
