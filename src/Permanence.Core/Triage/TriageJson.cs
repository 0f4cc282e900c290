using System.Text.Json;
using System.Text.Json.Serialization;

namespace Permanence.Core.Triage;

/// <summary>
/// System.Text.Json settings for triage types, matching the public contract: camelCase properties and the
/// snake_case codes of <see cref="TriageCodes"/> for enums (<c>same_day</c>, <c>appointment_book</c>, <c>family_history</c>).
/// </summary>
public static class TriageJson
{
    /// <summary>Writes and reads <see cref="Urgency"/>, <see cref="TriageCategory"/> and <see cref="SignalQualifier"/> as their codes.</summary>
    public static JsonStringEnumConverter EnumConverter { get; } = new(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);

    /// <summary>Web defaults (camelCase) with the triage enum codes; a new instance each call, free to customise.</summary>
    public static JsonSerializerOptions CreateOptions() => new(JsonSerializerDefaults.Web) { Converters = { EnumConverter } };
}
