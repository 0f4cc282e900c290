using Permanence.Core.Common;

namespace Permanence.Core.Calls;

/// <summary>
/// Caller ids that are no one's number. When a caller withholds their number, a provider reports a word ("anonymous",
/// "restricted") or, as Twilio does, a stand-in in E.164 form that spells the word on a keypad. Such an id is the same
/// for unrelated callers: it is no number to call back, to look a patient up by, or to count repeat calls by.
/// </summary>
public static class CallerIds
{
    /// <summary>Twilio's stand-ins for ANONYMOUS, RESTRICTED, BLOCKED, UNKNOWN and UNAVAILABLE.</summary>
    public static readonly IReadOnlyList<string> StandIns = ["+266696687", "+7378742833", "+2562533", "+8656696", "+86282452253"];

    /// <summary>What is stored as the caller id of a call whose provider reported none.</summary>
    public const string Anonymous = "anonymous";

    public static bool IsStandIn(string? from) => from is not null && StandIns.Contains(from.Trim(), StringComparer.Ordinal);

    /// <summary>
    /// Whether the caller id says the number was withheld: a stand-in, a word ("anonymous", "restricted") or nothing.
    /// An unreadable id with digits (an extension, a number as typed) is not: it is shown as it came.
    /// </summary>
    public static bool IsWithheld(string? from) => IsStandIn(from) || string.IsNullOrWhiteSpace(from) || !from.Any(char.IsAsciiDigit);

    /// <summary>
    /// The caller's number in E.164 form, or null when the caller id is withheld or not a valid number. No stand-in is a
    /// valid number (CallerIdsTests), so they are left out with the rest.
    /// </summary>
    public static string? Number(string? from) => PhoneNumber.TryParse(from)?.E164;
}
