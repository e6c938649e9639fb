using System.Net;
using MediaCoop.Api.Integrations;
using MediaCoop.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace MediaCoop.Tests.Integrations;

/// <summary>
/// The SSRF guard with its test-only allowance off: internal addresses in every spelling are refused at registration,
/// and at connect time by the address actually connected to.
/// </summary>
public sealed class WebhookSsrfTests
{
    private static readonly Lazy<ApiFactory> Guarded = new(() => new ApiFactory(new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateNetworks"] = "false",
        ["Webhooks:AllowHttp"] = "false",
    }));

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        if (Guarded.IsValueCreated) await Guarded.Value.DisposeAsync();
    }

    public static readonly string[] InternalHosts =
    [
        "127.0.0.1", "127.10.20.30", "10.0.0.1", "172.16.0.1", "172.31.255.254", "192.168.1.1", "100.64.0.1", "100.127.255.254",
        "169.254.169.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255",
        "[::1]", "[::]", "[fc00::1]", "[fd00:ec2::254]", "[fe80::1]", "[ff02::1]",
        "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::ffff:169.254.169.254]", "[::ffff:10.0.0.1]", "[64:ff9b::7f00:1]", "[64:ff9b::a9fe:a9fe]",
        "[::127.0.0.1]", "[2002:7f00:1::]",
        "2130706433", "0177.0.0.1", "0x7f.1", "127.1", "0x7f000001", "017700000001", "0x7f.0.0.1", "0251.0376.0251.0376",
        "localhost", "LOCALHOST", "api.localhost",
    ];

    [TestCaseSource(nameof(InternalHosts))]
    public async Task Registration_refuses_an_internal_address(string host)
    {
        var (client, _) = await Users.SignedInAsync(Guarded.Value);
        var problem = await (await client.PostAsync("/api/v1/me/webhooks", new { url = $"https://{host}/hooks", events = new[] { "order.paid" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["url"]![0]!.GetValue<string>(), Does.Contain("private").Or.Contain("this machine").Or.Contain("reserved"));
    }

    [Test]
    public async Task Registration_refuses_plain_http_and_unresolvable_hosts_outside_development()
    {
        var (client, _) = await Users.SignedInAsync(Guarded.Value);
        var http = await (await client.PostAsync("/api/v1/me/webhooks", new { url = "http://93.184.215.14/hooks", events = new[] { "order.paid" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(http["errors"]!["url"]![0]!.GetValue<string>(), Does.Contain("https://"));
        var nowhere = await (await client.PostAsync("/api/v1/me/webhooks", new { url = "https://no-such-host.invalid/hooks", events = new[] { "order.paid" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(nowhere["errors"]!["url"]![0]!.GetValue<string>(), Does.Contain("could not be found"));
        // A public address passes the guard.
        var created = await client.PostAsync("/api/v1/me/webhooks", new { url = "https://93.184.215.14/hooks", events = new[] { "order.paid" } });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase("127.0.0.1")]
    [TestCase("localhost")]
    [TestCase("2130706433")]
    [TestCase("0177.0.0.1")]
    [TestCase("0x7f.1")]
    [TestCase("127.1")]
    [TestCase("[::ffff:127.0.0.1]")]
    public async Task At_connect_time_a_private_address_is_never_connected_to(string host)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = new WebhookSender(Options.Create(new WebhookOptions { AllowPrivateNetworks = false, AllowHttp = true }));
        var url = new UriBuilder(receiver.Url) { Host = host.Trim('[', ']') }.Uri;

        var result = await sender.SendAsync(url, "msg_1", 1, "v1,x", "{}", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.StatusCode, Is.Null);
            Assert.That(result.Error, Does.Contain("private or reserved address"));
            Assert.That(receiver.Received, Is.Empty);
        });
    }

    [Test]
    public async Task With_the_allowance_on_the_same_receiver_is_reached()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = new WebhookSender(Options.Create(new WebhookOptions { AllowPrivateNetworks = true, AllowHttp = true }));
        var result = await sender.SendAsync(receiver.Url, "msg_1", 1, "v1,x", "{}", CancellationToken.None);
        Assert.That(result.StatusCode, Is.EqualTo(204));
        Assert.That(receiver.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_huge_answer_is_read_only_up_to_64_KB_and_a_slow_one_times_out()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = async (call, response) =>
        {
            if (call == 1)
            {
                response.StatusCode = 200;
                // 4 MB that would never end if read to the end: the sender stops at 64 KB.
                var chunk = System.Text.Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
                for (var i = 0; i < 64; i++) await response.Body.WriteAsync(chunk);
                return 200;
            }
            await Task.Delay(TimeSpan.FromSeconds(5));
            return 200;
        };
        using var sender = new WebhookSender(Options.Create(new WebhookOptions { AllowPrivateNetworks = true, AllowHttp = true }));
        using var impatient = new WebhookSender(Options.Create(new WebhookOptions
        {
            AllowPrivateNetworks = true, AllowHttp = true, Timeout = TimeSpan.FromSeconds(1),
        }));

        var big = await sender.SendAsync(receiver.Url, "msg_1", 1, "v1,x", "{}", CancellationToken.None);
        var slow = await impatient.SendAsync(receiver.Url, "msg_2", 1, "v1,x", "{}", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(big.Delivered, Is.True);
            Assert.That(big.ResponseExcerpt, Has.Length.EqualTo(WebhookSender.ExcerptChars));
            Assert.That(slow.StatusCode, Is.Null);
            Assert.That(slow.Error, Does.Contain("within 1 s"));
        });
    }

    [TestCase("8.8.8.8", true)]
    [TestCase("93.184.215.14", true)]
    [TestCase("2606:4700:4700::1111", true)]
    [TestCase("2a00:1450:4001:80b::200e", true)]
    [TestCase("::ffff:8.8.8.8", true)]
    [TestCase("64:ff9b::808:808", true)]
    [TestCase("172.32.0.1", true)]
    [TestCase("100.128.0.1", true)]
    [TestCase("172.15.255.255", true)]
    [TestCase("198.18.0.1", false)]
    [TestCase("192.0.2.1", false)]
    [TestCase("2001:db8::1", false)]
    [TestCase("2001:0:4136:e378:8000:63bf:3fff:fdd2", false)]
    [TestCase("64:ff9b:1::a00:1", false)]
    [TestCase("fec0::1", false)]
    public void Only_globally_routable_unicast_addresses_are_public(string address, bool isPublic) =>
        Assert.That(WebhookAddressGuard.IsPublic(IPAddress.Parse(address)), Is.EqualTo(isPublic));
}
