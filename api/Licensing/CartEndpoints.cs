using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// A signed-in buyer's cart: one licence choice per photo, priced now by the server. A guest's cart lives in the
/// browser and merges in at sign-in.
/// </summary>
public static class CartEndpoints
{
    public static RouteGroupBuilder MapCart(this RouteGroupBuilder api)
    {
        var cart = api.MapGroup("/me/cart").WithTags("Licensing").RequireAuthorization();
        cart.MapGet("/", GetCart).WithName("GetCart").ProducesProblem(StatusCodes.Status401Unauthorized);
        cart.MapPut("/items/{assetId:guid}", PutCartItem).WithName("PutCartItem").WithValidation<PutCartItemRequest>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        cart.MapDelete("/items/{assetId:guid}", RemoveCartItem).WithName("RemoveCartItem").ProducesProblem(StatusCodes.Status401Unauthorized);
        cart.MapPost("/merge", MergeCart).WithName("MergeCart").WithValidation<MergeCartRequest>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private sealed record CartRow
    {
        public Guid AssetId { get; init; }
        public string Size { get; init; } = "";
        public string[] Extended { get; init; } = [];
        public Guid? UpgradeOf { get; init; }
    }

    [EndpointSummary("Get my cart")]
    [EndpointDescription("The signed-in buyer's cart, priced now; items that can no longer be sold as chosen are listed in `problems`.")]
    private static async Task<Ok<Cart>> GetCart(HttpContext http, NpgsqlDataSource dataSource, LicenseCatalog catalog, TimeProvider time)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        return TypedResults.Ok(await LoadCartAsync(connection, await catalog.GetAsync(http.RequestAborted), http.User.UserId(), time.GetUtcNow(), []));
    }

    private static async Task<Cart> LoadCartAsync(NpgsqlConnection connection, LicenseCatalogSnapshot catalog, Guid userId, DateTimeOffset now,
        IReadOnlyList<CartProblem> problems)
    {
        const string sql = """
            select asset_id, size, extended, upgrade_of from cart_items where user_id = @userId order by added_at, asset_id
            """;
        var rows = (await connection.QueryAsync<CartRow>(sql, new { userId })).AsList();
        var assets = await LicenseChoices.LoadAssetsAsync(connection, rows.Select(r => r.AssetId).ToList());
        var items = new List<CartItem>(rows.Count);
        foreach (var row in rows)
        {
            var asset = assets[row.AssetId];
            var result = await LicenseChoices.EvaluateAsync(connection, null, catalog, userId, asset, row.AssetId, row.Size, row.Extended, row.UpgradeOf, now);
            items.Add(ToItem(catalog, asset, row.Size, row.Extended, row.UpgradeOf, result));
        }
        return new Cart(items, catalog.Price(items.Where(i => i.Available).Sum(i => i.Price.Amount)), problems);
    }

    private static CartItem ToItem(LicenseCatalogSnapshot catalog, AssetFacts asset, string size, IReadOnlyList<string> extended, Guid? upgradeOf, ChoiceResult result)
    {
        if (result.Choice is { } c)
            return new CartItem(asset.Id, asset.Title, asset.Thumbnail, asset.ContributorName, c.Size.Option.Code, c.Size.Option.Label,
                c.Size.Width, c.Size.Height, c.Extended, c.UpgradeOf, catalog.Price(c.Amount), true, null);
        // No longer sellable as chosen: shown with its list price and the reason, left out of the total.
        var offered = catalog.SizesFor(asset.Width, asset.Height).FirstOrDefault(o => o.Option.Code == size);
        var listPrice = (catalog.Size(size)?.Amount ?? 0) + extended.Sum(e => catalog.ExtendedOption(e)?.Amount ?? 0);
        return new CartItem(asset.Id, asset.Title, asset.Thumbnail, asset.ContributorName, size, catalog.SizeLabel(size),
            offered?.Width ?? asset.Width, offered?.Height ?? asset.Height, extended, upgradeOf, catalog.Price(listPrice), false,
            result.Problem?.ProblemDetails.Detail);
    }

    [EndpointSummary("Put a photo in my cart")]
    [EndpointDescription("Adds the photo with the chosen licence size and add-ons, or replaces the choice for a photo already in the cart.")]
    private static async Task<Results<Ok<CartItem>, ProblemHttpResult>> PutCartItem(
        Guid assetId, PutCartItemRequest request, HttpContext http, NpgsqlDataSource dataSource, LicenseCatalog catalog, TimeProvider time)
    {
        var userId = http.User.UserId();
        var snapshot = await catalog.GetAsync(http.RequestAborted);
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var assets = await LicenseChoices.LoadAssetsAsync(connection, [assetId]);
        var result = await LicenseChoices.EvaluateAsync(connection, null, snapshot, userId, assets.GetValueOrDefault(assetId), assetId,
            request.Size, request.Extended, request.UpgradeOf, time.GetUtcNow());
        if (result.Problem is not null) return result.Problem;
        var choice = result.Choice!;
        if (!await UpsertAsync(connection, userId, choice))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cart full",
                detail: $"A cart holds up to {LicensingRules.MaxCartItems} photos. Order or remove some first.");
        return TypedResults.Ok(ToItem(snapshot, choice.Asset, choice.Size.Option.Code, choice.Extended, choice.UpgradeOf, result));
    }

    /// <summary>Puts the choice in the cart (replacing the photo's earlier one); false when the cart is full.</summary>
    private static async Task<bool> UpsertAsync(NpgsqlConnection connection, Guid userId, PricedChoice choice)
    {
        // The count and the insert are one statement, so the limit holds unless two requests race at the very edge.
        const string sql = """
            insert into cart_items (user_id, asset_id, size, extended, upgrade_of)
            select @userId, @assetId, @size, @extended, @upgradeOf
            where exists (select 1 from cart_items where user_id = @userId and asset_id = @assetId)
               or (select count(*) from cart_items where user_id = @userId) < @max
            on conflict (user_id, asset_id) do update
                set size = excluded.size, extended = excluded.extended, upgrade_of = excluded.upgrade_of
            """;
        return await connection.ExecuteAsync(sql, new
        {
            userId, assetId = choice.Asset.Id, size = choice.Size.Option.Code, extended = choice.Extended.ToArray(), upgradeOf = choice.UpgradeOf,
            max = LicensingRules.MaxCartItems,
        }) > 0;
    }

    [EndpointSummary("Remove a photo from my cart")]
    [EndpointDescription("Removes the photo from the cart; removing one that is not there is harmless.")]
    private static async Task<NoContent> RemoveCartItem(Guid assetId, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await connection.ExecuteAsync("delete from cart_items where user_id = @userId and asset_id = @assetId", new { userId = http.User.UserId(), assetId });
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The guest's choice wins for a photo in both carts. Items that cannot be sold as chosen are skipped and named in
    /// <c>problems</c>; the merge as a whole never fails for them.
    /// </summary>
    [EndpointSummary("Merge a guest cart")]
    [EndpointDescription("Merges the cart kept before signing in into the account's cart. The guest's choice wins for a photo in both; items that cannot be sold as chosen are skipped and named in `problems`.")]
    private static async Task<Ok<Cart>> MergeCart(MergeCartRequest request, HttpContext http, NpgsqlDataSource dataSource, LicenseCatalog catalog, TimeProvider time)
    {
        var userId = http.User.UserId();
        var snapshot = await catalog.GetAsync(http.RequestAborted);
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        // Whatever the browser kept is merged as far as it makes sense; malformed entries are simply dropped.
        var guestItems = request.Items.Where(i => i is not null).DistinctBy(i => i.AssetId).ToList();
        var assets = await LicenseChoices.LoadAssetsAsync(connection, guestItems.Select(i => i.AssetId).ToList());
        var problems = new List<CartProblem>();
        foreach (var item in guestItems)
        {
            var result = await LicenseChoices.EvaluateAsync(connection, null, snapshot, userId, assets.GetValueOrDefault(item.AssetId), item.AssetId,
                item.Size ?? "", item.Extended, null, now);
            if (result.Problem is not null)
                problems.Add(new CartProblem(item.AssetId, result.Problem.ProblemDetails.Detail ?? "This licence cannot be bought."));
            else if (!await UpsertAsync(connection, userId, result.Choice!))
                problems.Add(new CartProblem(item.AssetId, $"Your cart already holds {LicensingRules.MaxCartItems} photos."));
        }
        return TypedResults.Ok(await LoadCartAsync(connection, snapshot, userId, now, problems));
    }
}
