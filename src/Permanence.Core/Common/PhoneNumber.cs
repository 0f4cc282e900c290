using PhoneNumbers;

namespace Permanence.Core.Common;

/// <summary>A telephone number in E.164 form (+33123456789), parsed and validated with libphonenumber.</summary>
public sealed record PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string e164) => E164 = e164;

    /// <summary>The canonical E.164 text, e.g. <c>+33142868200</c>.</summary>
    public string E164 { get; }

    /// <summary>
    /// Parses what a person typed ("01 42 86 82 00", "+33 1 42 86 82 00", "0596 12 34 56") as a number of
    /// <paramref name="defaultRegion"/> when it has no country code. Returns null when it is not a valid number.
    /// </summary>
    public static PhoneNumber? TryParse(string? text, string defaultRegion = "FR")
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }
        try
        {
            var parsed = Util.Parse(text, defaultRegion);
            if (!Util.IsValidNumber(parsed))
            {
                return null;
            }
            return new PhoneNumber(Util.Format(parsed, PhoneNumberFormat.E164));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>Rebuilds a number already stored in E.164; throws when the stored text is not valid E.164.</summary>
    public static PhoneNumber FromE164(string e164) =>
        e164.StartsWith('+') && TryParse(e164) is { } number && number.E164 == e164
            ? number
            : throw new FormatException($"'{e164}' is not a valid E.164 number.");

    /// <summary>National French display form ("01 42 86 82 00") for numbers of France, international otherwise.</summary>
    public string ToDisplayString()
    {
        var parsed = Util.Parse(E164, "FR");
        var region = Util.GetRegionCodeForNumber(parsed);
        return Util.Format(parsed, region == "FR" ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
    }

    /// <summary>ISO 3166 region the number belongs to (FR, RE, MQ, BE…), "ZZ" when libphonenumber cannot tell.</summary>
    public string Region => Util.GetRegionCodeForNumber(Util.Parse(E164, "FR"));

    /// <summary>Whether the number is a mobile one, so it can receive a text message.</summary>
    public bool IsMobile => Util.GetNumberType(Util.Parse(E164, "FR")) is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE;

    public override string ToString() => E164;
}
