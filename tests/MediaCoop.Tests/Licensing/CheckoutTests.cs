using System.Net;
using MediaCoop.Api.Licensing;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static MediaCoop.Tests.Licensing.LicensingSeed;

namespace MediaCoop.Tests.Licensing;

public sealed class CheckoutTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task The_demo_checkout_sends_the_buyer_to_the_demo_page_and_completing_it_issues_one_licence_per_line()
    {
        var first = await PhotoAsync();
        var second = await PhotoAsync();
        var (buyer, me) = await BuyerAsync();
        var order = await buyer.CreatedOrderAsync(Item(first, "large"), Item(second, "original", ["multi-seat"]));

        var checkout = await (await buyer.PostAsync($"/api/v1/orders/{order.Id()}/checkout")).JsonAsync(HttpStatusCode.OK);
        Assert.That(checkout["provider"]!.GetValue<string>(), Is.EqualTo("demo"));
        Assert.That(checkout["redirectUrl"]!.GetValue<string>(), Is.EqualTo($"/checkout/demo/{order.Id()}"));
        var reference = await ScalarAsync<string>("select checkout_reference from orders where id = @id", new { id = order.Id() });
        Assert.That(reference, Is.EqualTo($"demo_{order.Id():N}"));

        var paid = await (await buyer.PostAsync($"/api/v1/demo-payments/{order.Id()}/complete")).JsonAsync(HttpStatusCode.OK);
        Assert.That(paid["status"]!.GetValue<string>(), Is.EqualTo("paid"));
        Assert.That(paid["provider"]!.GetValue<string>(), Is.EqualTo("demo"));
        Assert.That(paid["paidAt"], Is.Not.Null);
        var licenseIds = paid["lines"]!.AsArray().Select(l => l!["licenseId"]?.GetValue<Guid>()).ToList();
        Assert.That(licenseIds, Has.All.Not.Null);

        var licenses = await (await buyer.GetAsync("/api/v1/me/licenses")).JsonAsync(HttpStatusCode.OK);
        Assert.That(licenses["items"]!.AsArray().Select(l => l!.Id()), Is.EquivalentTo(licenseIds));
        Assert.That(await ScalarAsync<long>("select amount_paid from orders where id = @id", new { id = order.Id() }), Is.EqualTo(10000 + 15000 + 25000));
        Assert.That(await ScalarAsync<int>("select count(*)::int from licenses where buyer_id = @id", new { id = me.Id }), Is.EqualTo(2));

        // Paid orders cannot be paid again.
        await (await buyer.PostAsync($"/api/v1/orders/{order.Id()}/checkout")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Completing_the_demo_payment_twice_at_once_issues_each_licence_once()
    {
        var photos = await Task.WhenAll(PhotoAsync(), PhotoAsync(), PhotoAsync());
        var (buyer, me) = await BuyerAsync();
        var order = await buyer.CreatedOrderAsync(photos.Select(p => Item(p, "small")).ToArray());
        await (await buyer.PostAsync($"/api/v1/orders/{order.Id()}/checkout")).JsonAsync(HttpStatusCode.OK);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => buyer.PostAsync($"/api/v1/demo-payments/{order.Id()}/complete")));
        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(await ScalarAsync<int>("select count(*)::int from licenses where buyer_id = @id", new { id = me.Id }), Is.EqualTo(3));
    }

    [Test]
    public async Task The_demo_payment_needs_a_started_demo_checkout_and_a_pending_order()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var order = await buyer.CreatedOrderAsync(Item(photo, "small"));
        await (await buyer.PostAsync($"/api/v1/demo-payments/{order.Id()}/complete")).ProblemAsync(HttpStatusCode.Conflict);

        await (await buyer.PostAsync($"/api/v1/orders/{order.Id()}/checkout")).JsonAsync(HttpStatusCode.OK);
        await ExecuteAsync("update orders set status = 'expired' where id = @id", new { id = order.Id() });
        await (await buyer.PostAsync($"/api/v1/demo-payments/{order.Id()}/complete")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(await ScalarAsync<int>("select count(*)::int from licenses l join order_lines ol on ol.id = l.order_line_id where ol.order_id = @id",
            new { id = order.Id() }), Is.Zero);
    }

    [Test]
    public async Task A_photo_withdrawn_after_the_order_cannot_be_checked_out()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var order = await buyer.CreatedOrderAsync(Item(photo, "small"));
        await Catalog.CatalogSeed.SetStatusAsync(photo, "ready");
        var problem = await (await buyer.PostAsync($"/api/v1/orders/{order.Id()}/checkout")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("not on sale"));
    }

    [Test]
    public async Task Only_the_buyer_may_complete_their_demo_payment()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var (other, otherMe) = await BuyerAsync();
        var order = await buyer.CreatedOrderAsync(Item(photo, "small"));
        await (await buyer.PostAsync($"/api/v1/orders/{order.Id()}/checkout")).JsonAsync(HttpStatusCode.OK);

        await (await other.PostAsync($"/api/v1/demo-payments/{order.Id()}/complete")).ProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = Api.NewClient();
        await (await anonymous.PostAsync($"/api/v1/demo-payments/{order.Id()}/complete")).ProblemAsync(HttpStatusCode.Unauthorized);
        var mine = await (await buyer.GetAsync($"/api/v1/me/orders/{order.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(mine["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(await ScalarAsync<int>("select count(*)::int from licenses where buyer_id = @id", new { id = otherMe.Id }), Is.Zero);
    }

    [Test]
    public void The_payment_settings_check_refuses_the_demo_provider_in_production_and_unregistered_providers()
    {
        static Func<string, bool> Registered(params string[] names) => name => names.Contains(name);
        Assert.That(PaymentSetup.Problem("demo", production: false, Registered("demo")), Is.Null);
        Assert.That(PaymentSetup.Problem("demo", production: true, Registered("demo", "stripe")), Does.Contain("Production"));
        Assert.That(PaymentSetup.Problem("stripe", production: true, Registered("demo", "stripe")), Is.Null);
        Assert.That(PaymentSetup.Problem("stripe", production: false, Registered("demo")), Does.Contain("no such payment provider is registered"));
        Assert.That(PaymentSetup.Problem("", production: false, Registered("demo")), Is.Not.Null);
    }

    [Test]
    public void A_production_node_with_the_demo_provider_refuses_to_start()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["environment"] = "Production", ["Payments:Provider"] = "demo" });
        var failure = Assert.Catch(() => _ = factory.Server);
        Assert.That(failure!.ToString(), Does.Contain("Payments:Provider is 'demo' in the Production environment"));
    }

    [Test]
    public void A_node_configured_for_an_unregistered_provider_refuses_to_start()
    {
        // 'stripe' is registered now (AddStripePayments): a name no provider has.
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["Payments:Provider"] = "paypal" });
        var failure = Assert.Catch(() => _ = factory.Server);
        Assert.That(failure!.ToString(), Does.Contain("no such payment provider is registered"));
    }

    [Test]
    public async Task A_production_node_has_no_demo_payment_route_and_checks_out_with_its_configured_provider()
    {
        // The real Stripe provider, talking to the local fake Stripe API of the Stripe tests.
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["environment"] = "Production", ["Payments:Provider"] = "stripe", ["Payments:PublicOrigin"] = "https://coop.test",
            ["Payments:Stripe:SecretKey"] = "sk_test_fake", ["Payments:Stripe:WebhookSecret"] = StripeSupport.WebhookSecret,
            ["Payments:Stripe:ApiBase"] = StripeSupport.FakeStripeApi.BaseUrl, ["Payments:Stripe:MaxNetworkRetries"] = "0",
        });
        var environment = factory.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>();
        Assert.That(environment.EnvironmentName, Is.EqualTo("Production"));

        var photo = await PhotoAsync();
        var buyer = new ApiClient(factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), HandleCookies = true, AllowAutoRedirect = false,
        }));
        Assert.That((await buyer.RegisterAsync(ApiClient.UniqueEmail("buyer"))).IsSuccessStatusCode);
        var order = await buyer.CreatedOrderAsync(Item(photo, "small"));
        var checkout = await (await buyer.PostAsync($"/api/v1/orders/{order.Id()}/checkout")).JsonAsync(HttpStatusCode.OK);
        Assert.That(checkout["provider"]!.GetValue<string>(), Is.EqualTo("stripe"));
        Assert.That(checkout["redirectUrl"]!.GetValue<string>(), Does.StartWith("https://checkout.stripe.test/c/pay/cs_test_"));

        var demo = await buyer.PostAsync($"/api/v1/demo-payments/{order.Id()}/complete");
        Assert.That(demo.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var status = await ScalarAsync<string>("select status from orders where id = @id", new { id = order.Id() });
        Assert.That(status, Is.EqualTo("pending"));
    }

    [Test]
    public async Task A_registered_provider_that_is_not_in_use_is_never_built()
    {
        using var baseFactory = new ApiFactory(new Dictionary<string, string?> { ["Payments:Provider"] = "demo" });
        using var factory = baseFactory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddKeyedSingleton<IPaymentProvider, Unconfigured>("stripe")));
        var photo = await PhotoAsync();
        var buyer = new ApiClient(factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), HandleCookies = true, AllowAutoRedirect = false,
        }));
        Assert.That((await buyer.RegisterAsync(ApiClient.UniqueEmail("buyer"))).IsSuccessStatusCode);
        var order = await buyer.CreatedOrderAsync(Item(photo, "small"));
        var checkout = await (await buyer.PostAsync($"/api/v1/orders/{order.Id()}/checkout")).JsonAsync(HttpStatusCode.OK);
        Assert.That(checkout["provider"]!.GetValue<string>(), Is.EqualTo("demo"));
    }

    /// <summary>Like a Stripe provider without its keys: building it fails.</summary>
    private sealed class Unconfigured : IPaymentProvider
    {
        public Unconfigured() => throw new InvalidOperationException("Stripe:SecretKey is not set");

        public string Name => "stripe";

        public Task<CheckoutStart> StartCheckoutAsync(CheckoutOrder order, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
