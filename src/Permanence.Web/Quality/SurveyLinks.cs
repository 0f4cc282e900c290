using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Quality;
using Permanence.Data;
using Permanence.Web.Http;
using Permanence.Web.Messaging;

namespace Permanence.Web.Quality;

/// <summary>What reading a survey link found.</summary>
public enum SurveyLinkState
{
    Valid,

    /// <summary>Not a token this host issued, or altered: the Data Protection MAC does not match.</summary>
    Invalid,

    Expired,
}

/// <summary>
/// Signed survey links: a Data Protection payload of the call id and an expiry instant, so the anonymous survey page
/// needs no login and no lookup table. Expiry is checked against <see cref="IClock"/> (the Data Protection time-limited
/// protector reads the system clock instead). One answer per call is enforced on the call itself.
/// </summary>
public sealed partial class SurveyLinks(IDataProtectionProvider dataProtection, PermanenceDbContext db, INotificationSender email, ISmsSender sms,
    IOptions<PublicAddressOptions> publicAddress, IClock clock, ILogger<SurveyLinks> logger)
{
    public const string PagePath = "/survey";
    private const string Purpose = "Permanence.Quality.SatisfactionSurvey.v1";
    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    /// <summary>A link to the survey of <paramref name="callId"/> until <paramref name="expiresAt"/>, sent by <paramref name="channel"/>.</summary>
    public string Issue(CallId callId, Instant expiresAt, SurveyChannel channel = SurveyChannel.Email) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture,
            $"{callId.Value:N}|{expiresAt.ToUnixTimeSeconds()}{(channel == SurveyChannel.Sms ? "|" + SmsMark : "")}"));

    /// <summary>What a link says: whether it holds, its call, and how it was sent (links without a channel were e-mailed).</summary>
    public (SurveyLinkState State, CallId CallId, SurveyChannel Channel) Read(string token)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return (SurveyLinkState.Invalid, default, default);
        }
        var parts = payload.Split('|');
        if (parts.Length is not (2 or 3)
            || !Guid.TryParseExact(parts[0], "N", out var callId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || (parts.Length == 3 && parts[2] != SmsMark))
        {
            return (SurveyLinkState.Invalid, default, default);
        }
        var channel = parts.Length == 3 ? SurveyChannel.Sms : SurveyChannel.Email;
        return clock.GetCurrentInstant() >= Instant.FromUnixTimeSeconds(expiresAt)
            ? (SurveyLinkState.Expired, new CallId(callId), channel)
            : (SurveyLinkState.Valid, new CallId(callId), channel);
    }

    private const string SmsMark = "sms";

    /// <summary>
    /// After wrap-up, sends the survey link to the identified patient of an answered call when the practice offers the
    /// survey: by e-mail when the patient has an address, otherwise, when an SMS gateway is configured, by SMS to the
    /// patient's mobile number. The link is at <see cref="PublicAddressOptions.PublicBaseUrl"/>; without it nothing
    /// is sent (and that is logged). A failed send is logged and does not undo the wrap-up.
    /// </summary>
    /// <returns>Whether the link was sent.</returns>
    public async Task<bool> SendAfterWrapUpAsync(Call call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Outcome != CallOutcome.Answered || call.SatisfactionScore is not null || call.PatientId is not { } patientId || call.PracticeId is not { } practiceId)
        {
            return false;
        }
        var practice = await db.Practices.AsNoTracking().FirstOrDefaultAsync(p => p.Id == practiceId, ct);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.Email, p.Phone }).FirstOrDefaultAsync(ct);
        // Without a gateway the development sender would write the link, a credential, to the log: no text then.
        var mobile = sms.DeliversTexts && PhoneNumber.TryParse(patient?.Phone) is { IsMobile: true } number ? number : null;
        if (practice is not { OffersSatisfactionSurvey: true } || patient is null || (string.IsNullOrWhiteSpace(patient.Email) && mobile is null))
        {
            return false;
        }
        if (publicAddress.Value.BaseUrl is not { } baseUrl)
        {
            LogNoPublicAddress(logger, call.Id.Value);
            return false;
        }
        var expiresAt = clock.GetCurrentInstant() + SatisfactionSurvey.LinkLifetime;
        string Link(SurveyChannel channel) => $"{baseUrl}{PagePath}/{Issue(call.Id, expiresAt, channel)}";
        var days = SatisfactionSurvey.LinkLifetime.Days;
        try
        {
            if (!string.IsNullOrWhiteSpace(patient.Email))
            {
                var body = $"Bonjour,\n\nvous avez appelé {practice.Name}. Votre avis nous aide à mieux vous répondre : notez votre appel de 1 à 5 en une minute.\n"
                    + $"{Link(SurveyChannel.Email)}\n\nCe lien est valable {days} jours et ne sert qu'une fois.\n\n"
                    + $"You called {practice.Name}. Please rate your call from 1 to 5 with the link above (valid for {days} days, once).";
                return await email.SendAsync(new EmailNotification(patient.Email, $"Votre avis sur votre appel à {practice.Name}", body), ct) == Delivery.Sent;
            }
            var text = $"{practice.Name} : notez votre appel de 1 à 5 (lien valable {days} jours, une fois) : {Link(SurveyChannel.Sms)}";
            return await sms.SendAsync(mobile!.E164, text, ct) == Delivery.Sent;
        }
#pragma warning disable CA1031 // The survey is a courtesy: an unreachable mail server or SMS gateway must not fail the wrap-up that triggered it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogSendFailed(logger, exception, call.Id.Value);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Satisfaction survey of call {CallId} not sent: set Hosting:PublicBaseUrl to the address patients reach this deployment at")]
    private static partial void LogNoPublicAddress(ILogger logger, Guid callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the satisfaction survey of call {CallId}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid callId);
}
