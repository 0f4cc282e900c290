using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using NodaTime;
using Permanence.Web.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Calls;

/// <summary>
/// Rotating the call-event secret: while <c>Telephony:PreviousEventSigningSecret</c> holds the secret being replaced,
/// events signed with either are stored, so no event is lost while the providers move to the new one.
/// </summary>
public sealed class SigningSecretRotationTests(SigningSecretRotationTests.RotatingApp app) : IClassFixture<SigningSecretRotationTests.RotatingApp>
{
    private const string Previous = "previous-event-signing-secret-0123";

    public sealed class RotatingApp() : PermanenceApp(TestDatabase.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Telephony:PreviousEventSigningSecret", Previous);
        }
    }

    [Fact]
    public async Task Events_signed_with_the_new_or_the_previous_secret_are_stored_and_others_refused()
    {
        using var admin = app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var at = Instant.FromUtc(2026, 11, 16, 9, 0);

        var current = await app.PostEventAsync(Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", at, practice.RoutineNumber));
        var previous = await app.PostEventAsync(Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", at, practice.RoutineNumber), Previous);
        var other = await app.PostEventAsync(Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", at, practice.RoutineNumber), "some-other-secret-0123456789");

        current.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        previous.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        other.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("", Previous, "without Telephony:EventSigningSecret")]
    [InlineData(Previous, Previous, "the same as Telephony:EventSigningSecret")]
    [InlineData(PermanenceApp.EventSigningSecret, "too-short", "at least 16 characters")]
    public void A_previous_secret_alone_equal_to_the_new_one_or_short_is_refused_at_start(string current, string previous, string message)
    {
        var options = new TelephonyOptions { EventSigningSecret = current, PreviousEventSigningSecret = previous };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).ShouldBeFalse();

        results.ShouldContain(r => r.ErrorMessage!.Contains(message, StringComparison.Ordinal));
    }
}
