using Microsoft.AspNetCore.Mvc.Testing;

namespace Permanence.Web.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_200_without_credentials()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
