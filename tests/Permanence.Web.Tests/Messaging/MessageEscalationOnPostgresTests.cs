using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Permanence.Web.Messaging;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Messaging;

/// <summary>Several nodes run the escalation job: one pass at a time, so no reminder or alert goes out twice.</summary>
public sealed class MessageEscalationOnPostgresTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<int> PassAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MessageEscalation>().RunOnceAsync(_ct);
    }

    [Fact]
    public async Task A_pass_takes_no_step_while_another_node_runs_one()
    {
        app.EnsureAvailable();
        using var admin = app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await (await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/practitioners",
            new { displayName = "Dr Paul Lenoir", specialty = "general" }, _ct)).ReadAsync<JsonElement>();
        var created = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/messages", new
        {
            practitionerId = practitioner.GetProperty("id").GetGuid(), kind = "message", subject = "Rappeler", body = "Résultats", priority = "emergency",
        }, _ct);
        created.EnsureSuccessStatusCode();
        app.Clock.AdvanceMinutes(16);

        // Another node's pass holds the lock on its own connection.
        await using (var otherNode = new NpgsqlConnection(app.ConnectionString))
        {
            await otherNode.OpenAsync(_ct);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(x'455343'::bigint)", otherNode);
            await take.ExecuteNonQueryAsync(_ct);

            (await PassAsync()).ShouldBe(0);

            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(x'455343'::bigint)", otherNode);
            await release.ExecuteNonQueryAsync(_ct);
        }

        (await PassAsync()).ShouldBeGreaterThanOrEqualTo(1);
    }
}
