using System.Net;
using Dapper;
using Hangfire;
using MediaCoop.Api.Integrations;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static MediaCoop.Tests.Integrations.WebhookSupport;

namespace MediaCoop.Tests.Integrations;

/// <summary>The delivery job against real HTTP receivers on this machine: signing, retries, 410, redirects, fairness.</summary>
public sealed class WebhookDeliveryTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static async Task<Guid> SendTestAsync(ApiClient client, Guid endpointId)
    {
        var accepted = await (await client.PostAsync($"/api/v1/me/webhooks/{endpointId}/test")).JsonAsync(HttpStatusCode.Accepted);
        Assert.That(accepted["eventType"]!.GetValue<string>(), Is.EqualTo("webhook.test"));
        return accepted["id"]!.GetValue<Guid>();
    }

    [Test]
    public async Task A_test_event_arrives_signed_the_standard_webhooks_way()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (client, _) = await Users.SignedInAsync(Api);
        var endpoint = await client.RegisterAsync(receiver.Url, "order.paid");
        await SendTestAsync(client, endpoint.Id);

        await DeliverUntilAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Status == "delivered", "the test event delivered");

        var hook = receiver.Received.Single();
        var body = hook.Json();
        Assert.Multiple(() =>
        {
            Assert.That(hook.SignedWith(endpoint.Secret), Is.True, "signature verifies with the secret shown at registration");
            Assert.That(hook.SignedWith("whsec_" + Convert.ToBase64String(new byte[32])), Is.False);
            Assert.That(hook.Signature.Split(' '), Has.Length.EqualTo(1));
            Assert.That(body["id"]!.GetValue<string>(), Is.EqualTo(hook.Id), "the webhook-id is the event id");
            Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("webhook.test"));
            Assert.That(body["created_at"]!.GetValue<string>(), Does.EndWith("Z"));
            Assert.That(body["data"]!["endpoint_id"]!.GetValue<Guid>(), Is.EqualTo(endpoint.Id));
            Assert.That(long.Parse(hook.Timestamp, System.Globalization.CultureInfo.InvariantCulture),
                Is.InRange(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()));
        });

        var log = await (await client.GetAsync($"/api/v1/me/webhooks/{endpoint.Id}/deliveries")).JsonAsync(HttpStatusCode.OK);
        var item = log["items"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(item["status"]!.GetValue<string>(), Is.EqualTo("delivered"));
            Assert.That(item["attempts"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(item["lastStatusCode"]!.GetValue<int>(), Is.EqualTo(204));
            Assert.That(item["nextAttemptAt"], Is.Null);
        });
    }

    [Test]
    public async Task After_a_rotation_both_secrets_sign_for_a_day_then_only_the_new_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (client, _) = await Users.SignedInAsync(Api);
        var endpoint = await client.RegisterAsync(receiver.Url, "order.paid");
        var rotated = await (await client.PostAsync($"/api/v1/me/webhooks/{endpoint.Id}/rotate-secret")).JsonAsync(HttpStatusCode.OK);
        var newSecret = rotated["secret"]!.GetValue<string>();
        Assert.That(rotated["previousSecretExpiresAt"]!.GetValue<DateTimeOffset>(),
            Is.EqualTo(DateTimeOffset.UtcNow.AddHours(24)).Within(TimeSpan.FromMinutes(5)));

        await SendTestAsync(client, endpoint.Id);
        await DeliverUntilAsync(() => Task.FromResult(!receiver.Received.IsEmpty), "the first test event");
        var during = receiver.Received.Single();
        Assert.Multiple(() =>
        {
            Assert.That(newSecret, Is.Not.EqualTo(endpoint.Secret));
            Assert.That(during.Signature.Split(' '), Has.Length.EqualTo(2), "both signatures, space-separated");
            Assert.That(during.SignedWith(newSecret), Is.True);
            Assert.That(during.SignedWith(endpoint.Secret), Is.True);
        });

        // A day later the old secret no longer signs.
        await ExecuteAsync("update webhook_endpoints set previous_secret_expires_at = now() - interval '1 minute' where id = @Id", endpoint);
        await SendTestAsync(client, endpoint.Id);
        await DeliverUntilAsync(() => Task.FromResult(receiver.Received.Count == 2), "the second test event");
        var after = receiver.Received.Last();
        Assert.Multiple(() =>
        {
            Assert.That(after.Signature.Split(' '), Has.Length.EqualTo(1));
            Assert.That(after.SignedWith(newSecret), Is.True);
            Assert.That(after.SignedWith(endpoint.Secret), Is.False);
        });
    }

    [Test]
    public async Task A_failing_receiver_is_retried_with_growing_backoff_until_it_answers_2xx()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (call, response) => Task.FromResult(call <= 2 ? 503 : 200);
        var (client, _) = await Users.SignedInAsync(Api);
        var endpoint = await client.RegisterAsync(receiver.Url, "order.paid");
        await SendTestAsync(client, endpoint.Id);

        await DeliverUntilAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Attempts == 1, "the first attempt");
        var first = (await DeliveriesAsync(endpoint.Id)).Single();
        var firstWait = first.NextAttemptAt - first.LastAttemptAt!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo("pending"));
            Assert.That(first.LastStatusCode, Is.EqualTo(503));
            Assert.That(first.LastError, Does.Contain("503"));
            Assert.That(firstWait, Is.InRange(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40)), "about 30 s, with jitter");
        });
        // Not due yet: a run now sends nothing.
        await DeliverAsync();
        Assert.That(receiver.Received, Has.Count.EqualTo(1));

        await ExecuteAsync("update webhook_deliveries set next_attempt_at = now() where id = @Id", first);
        await DeliverUntilAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Attempts == 2, "the second attempt");
        var second = (await DeliveriesAsync(endpoint.Id)).Single();
        var secondWait = second.NextAttemptAt - second.LastAttemptAt!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(second.Status, Is.EqualTo("pending"));
            Assert.That(secondWait, Is.InRange(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(75)), "about twice the first wait");
            Assert.That(secondWait, Is.GreaterThan(firstWait));
        });

        await ExecuteAsync("update webhook_deliveries set next_attempt_at = now() where id = @Id", second);
        await DeliverUntilAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Status == "delivered", "the third attempt");
        var third = (await DeliveriesAsync(endpoint.Id)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(third.Attempts, Is.EqualTo(3));
            Assert.That(third.LastStatusCode, Is.EqualTo(200));
            Assert.That(third.LastError, Is.Null);
            Assert.That(receiver.Received.Select(r => r.Id).Distinct().ToList(), Has.Count.EqualTo(1), "every retry carries the same webhook-id");
        });
    }

    [Test]
    public void Backoff_doubles_from_30_seconds_with_jitter_up_to_12_hours_and_three_days_allow_about_14_attempts()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WebhookDeliveryJob.Backoff(1), Is.InRange(TimeSpan.FromSeconds(22.5), TimeSpan.FromSeconds(37.5)));
            Assert.That(WebhookDeliveryJob.Backoff(5), Is.InRange(TimeSpan.FromSeconds(360), TimeSpan.FromSeconds(600)));
            Assert.That(WebhookDeliveryJob.Backoff(30), Is.InRange(TimeSpan.FromHours(9), TimeSpan.FromHours(15)));
        });
        var total = TimeSpan.Zero;
        var attempts = 0;
        while (total < TimeSpan.FromDays(3)) total += WebhookDeliveryJob.Backoff(++attempts);
        Assert.That(attempts, Is.InRange(11, 18));
    }

    [Test]
    public void The_default_schedule_is_a_cron_hangfire_accepts()
    {
        var recurring = Api.Services.GetRequiredService<IRecurringJobManager>();
        var id = $"webhook-cron-check-{Guid.NewGuid():N}";
        Assert.DoesNotThrow(() => recurring.AddOrUpdate<WebhookDeliveryJob>(id, j => j.RunAsync(CancellationToken.None), new WebhookOptions().DeliveryCron));
        recurring.RemoveIfExists(id);
    }

    [Test]
    public async Task A_delivery_still_failing_three_days_after_its_event_is_given_up()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        var (client, _) = await Users.SignedInAsync(Api);
        var endpoint = await client.RegisterAsync(receiver.Url, "order.paid");
        var deliveryId = await SendTestAsync(client, endpoint.Id);
        await ExecuteAsync("update webhook_deliveries set created_at = now() - interval '3 days', attempts = 13 where id = @deliveryId", new { deliveryId });

        await DeliverUntilAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Status == "failed", "the delivery given up");
        var log = await (await client.GetAsync($"/api/v1/me/webhooks/{endpoint.Id}/deliveries")).JsonAsync(HttpStatusCode.OK);
        var item = log["items"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(item["attempts"]!.GetValue<int>(), Is.EqualTo(14));
            Assert.That(item["lastStatusCode"]!.GetValue<int>(), Is.EqualTo(500));
            Assert.That(item["nextAttemptAt"], Is.Null);
        });
    }

    [Test]
    public async Task A_410_gone_disables_the_endpoint_and_nothing_more_is_queued_for_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(410);
        var (client, me) = await Users.SignedInAsync(Api);
        var endpoint = await client.RegisterAsync(receiver.Url, "order.paid");
        await SendTestAsync(client, endpoint.Id);

        await DeliverUntilAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Status == "failed", "the 410");
        var list = await (await client.GetAsync("/api/v1/me/webhooks")).JsonAsync(HttpStatusCode.OK);
        var item = list["items"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(item["enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(item["disabledReason"]!.GetValue<string>(), Does.Contain("410"));
            Assert.That(item["disabledAt"], Is.Not.Null);
        });

        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            Assert.That(await WebhookEvents.PublishAsync(connection, tx, WebhookEvents.OrderPaid, me.Id, new { order_id = Guid.NewGuid() }), Is.Null);
            await tx.CommitAsync();
        }
        Assert.That(await DeliveriesAsync(endpoint.Id), Has.Count.EqualTo(1));
        await (await client.PostAsync($"/api/v1/me/webhooks/{endpoint.Id}/test")).ProblemAsync(HttpStatusCode.Conflict);

        // Turned back on by its owner, it receives again and its disabled reason is cleared.
        var on = await (await client.PatchAsync($"/api/v1/me/webhooks/{endpoint.Id}", new { enabled = true })).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(on["enabled"]!.GetValue<bool>(), Is.True);
            Assert.That(on["disabledReason"], Is.Null);
        });
    }

    [Test]
    public async Task Redirects_are_not_followed_and_count_as_failures()
    {
        await using var target = await WebhookReceiver.StartAsync();
        await using var redirecting = await WebhookReceiver.StartAsync();
        redirecting.Respond = (_, response) =>
        {
            response.Headers.Location = target.Url.ToString();
            return Task.FromResult(307);
        };
        var (client, _) = await Users.SignedInAsync(Api);
        var endpoint = await client.RegisterAsync(redirecting.Url, "order.paid");
        await SendTestAsync(client, endpoint.Id);

        await DeliverUntilAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Attempts == 1, "the attempt");
        var delivery = (await DeliveriesAsync(endpoint.Id)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(delivery.Status, Is.EqualTo("pending"), "retried later like any failure");
            Assert.That(delivery.LastStatusCode, Is.EqualTo(307));
            Assert.That(delivery.LastError, Does.Contain("Redirects are not followed"));
            Assert.That(target.Received, Is.Empty);
        });
    }

    [Test]
    public async Task A_slow_receiver_does_not_hold_back_another_endpoint()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        await using var fast = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Holds its answer until the test has seen the other endpoint served (or 8 s, inside the 10 s timeout).
        slow.Respond = async (_, _) =>
        {
            await Task.WhenAny(release.Task, Task.Delay(TimeSpan.FromSeconds(8)));
            return 200;
        };
        var (client, _) = await Users.SignedInAsync(Api);
        var slowEndpoint = await client.RegisterAsync(slow.Url, "order.paid");
        var fastEndpoint = await client.RegisterAsync(fast.Url, "order.paid");
        await SendTestAsync(client, slowEndpoint.Id);
        await SendTestAsync(client, fastEndpoint.Id);

        var run = DeliverAsync();
        try
        {
            // Only watching: a run of the job here could itself take the slow delivery and wait with it.
            await WaitUntilAsync(async () => (await DeliveriesAsync(fastEndpoint.Id)).Single().Status == "delivered", "the fast endpoint served");
            Assert.Multiple(() =>
            {
                Assert.That(release.Task.IsCompleted, Is.False);
                Assert.That(slow.Received, Has.Count.EqualTo(1), "the slow endpoint's request is in flight");
            });
            Assert.That((await DeliveriesAsync(slowEndpoint.Id)).Single().Status, Is.EqualTo("pending"), "while the slow one still waits");
        }
        finally
        {
            release.TrySetResult();
            await run;
        }
        await DeliverUntilAsync(async () => (await DeliveriesAsync(slowEndpoint.Id)).Single().Status == "delivered", "the slow endpoint served");
    }

    [Test]
    public async Task A_delivery_can_be_sent_again_by_hand_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (client, _) = await Users.SignedInAsync(Api);
        var endpoint = await client.RegisterAsync(receiver.Url, "order.paid");
        var deliveryId = await SendTestAsync(client, endpoint.Id);
        // Still pending: a manual redelivery would only duplicate it.
        await (await client.PostAsync($"/api/v1/me/webhooks/{endpoint.Id}/deliveries/{deliveryId}/redeliver")).ProblemAsync(HttpStatusCode.Conflict);
        await DeliverUntilAsync(async () => (await DeliveriesAsync(endpoint.Id)).Single().Status == "delivered", "the first delivery");

        var again = await (await client.PostAsync($"/api/v1/me/webhooks/{endpoint.Id}/deliveries/{deliveryId}/redeliver")).JsonAsync(HttpStatusCode.Accepted);
        Assert.Multiple(() =>
        {
            Assert.That(again["id"]!.GetValue<Guid>(), Is.Not.EqualTo(deliveryId));
            Assert.That(again["status"]!.GetValue<string>(), Is.EqualTo("pending"));
            Assert.That(again["manual"]!.GetValue<bool>(), Is.True);
        });
        await DeliverUntilAsync(() => Task.FromResult(receiver.Received.Count == 2), "the redelivery");
        var ids = receiver.Received.Select(r => r.Id).ToList();
        Assert.That(ids[1], Is.EqualTo(ids[0]));
        Assert.That(receiver.Received.Last().SignedWith(endpoint.Secret), Is.True);
    }
}
