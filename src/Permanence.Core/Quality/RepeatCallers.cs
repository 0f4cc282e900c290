using Permanence.Core.Calls;

namespace Permanence.Core.Quality;

/// <summary>
/// Which calls can be repeats of one another: only calls from a number in E.164 form, a '+' and ASCII digits, as
/// <see cref="Common.PhoneNumber"/> stores every number it can read, other than a provider's stand-in for a withheld
/// number (<see cref="CallerIds.StandIns"/>). A withheld or unreadable caller id ("anonymous", "restricted", empty, a
/// number as typed, a stand-in) is kept as the provider reported it and is the same text for unrelated callers, so
/// counting it would make every hidden caller a repeat of the others.
/// </summary>
/// <remarks>
/// The same test is written in SQL for the figures the database tallies (<c>RepeatCallLinks</c>); keep them equal.
/// </remarks>
public static class RepeatCallers
{
    public static bool CanRepeat(string fromNumber)
    {
        ArgumentNullException.ThrowIfNull(fromNumber);
        return fromNumber.Length > 1 && fromNumber[0] == '+' && !fromNumber.AsSpan(1).ContainsAnyExceptInRange('0', '9')
            && !CallerIds.IsStandIn(fromNumber);
    }
}
