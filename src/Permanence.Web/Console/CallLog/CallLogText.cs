using Microsoft.Extensions.Localization;

namespace Permanence.Web.Console.CallLog;

/// <summary>Resource anchor of the call log page's texts (CallLogText.resx in French, CallLogText.en.resx in English).</summary>
public sealed class CallLogText
{
    /// <summary>A duration in whole seconds as the log shows it, or nothing when it is unknown.</summary>
    public static string Seconds(IStringLocalizer<CallLogText> text, int? seconds)
    {
        ArgumentNullException.ThrowIfNull(text);
        return seconds is { } s ? text["SecondsValue", s] : "";
    }
}
