using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Messaging;

/// <summary>Reads what the SMTP sink received (scripts/lib/smtp_sink.py writes one .eml per message).</summary>
public static class SmtpSinkMailbox
{
    /// <summary>The raw messages whose envelope recipient is <paramref name="address"/>.</summary>
    public static IReadOnlyList<string> MessagesTo(string address) =>
        [.. Directory.EnumerateFiles(PermanenceApp.SmtpSinkFolder!, "*.eml")
            .Select(File.ReadAllText)
            .Where(text => text.StartsWith($"X-Envelope-To: {address}", StringComparison.OrdinalIgnoreCase))];
}
