namespace Permanence.Data.Migrations;

/// <summary>
/// The statements of the ApplyCountedCallCorrections migrations, the same on SQLite and PostgreSQL. Until then a
/// correction of urgency, category or disposition was only appended; since then it replaces the call's value and keeps
/// the value it replaced. Going up applies the corrections made before (the latest of each field wins) and records what
/// each replaced; going down puts the recorded values back. The codes are written out here, as they were when the
/// migration was made, so that a later change to the enums does not change what the migration does.
/// </summary>
internal static class CountedCallCorrectionsSql
{
    private static readonly (string Field, string Column, string[] Codes)[] Fields =
    [
        ("urgency", "Urgency", ["routine", "same_day", "urgent", "emergency"]),
        ("category", "Category",
            ["appointment_book", "appointment_cancel", "appointment_reschedule", "information", "billing", "clinical", "prescription", "results_followup", "other"]),
        ("disposition", "Disposition",
            ["resolved", "appointment_handled", "message_taken", "callback_planned", "transferred", "emergency_escalated", "wrong_number", "no_action"]),
    ];

    public static IEnumerable<string> Up() => Fields.SelectMany(f => new[]
    {
        // What each correction replaced: the field's previous correction, else the value recorded on the call.
        $"""
        UPDATE "call_corrections" SET "PreviousValue" = COALESCE(
            (SELECT lower(p."NewValue") FROM "call_corrections" AS p
                WHERE p."CallId" = "call_corrections"."CallId" AND p."Field" = '{f.Field}'
                    AND (p."At" < "call_corrections"."At" OR (p."At" = "call_corrections"."At" AND p."Id" < "call_corrections"."Id"))
                ORDER BY p."At" DESC, p."Id" DESC LIMIT 1),
            (SELECT {ToCode(f, "c")} FROM "calls" AS c WHERE c."Id" = "call_corrections"."CallId"))
        WHERE "Field" = '{f.Field}';
        """,
        // Codes were accepted in any case: stored as the API spells them.
        $"""UPDATE "call_corrections" SET "NewValue" = lower("NewValue") WHERE "Field" = '{f.Field}';""",
        // The latest correction wins; a stored value that is no code (none should be) leaves the call as it is.
        $"""
        UPDATE "calls" SET "{f.Column}" = (
            SELECT {FromCode(f, "k.\"NewValue\"")} FROM "call_corrections" AS k
            WHERE k."CallId" = "calls"."Id" AND k."Field" = '{f.Field}' ORDER BY k."At" DESC, k."Id" DESC LIMIT 1)
        WHERE (SELECT k."NewValue" FROM "call_corrections" AS k
                WHERE k."CallId" = "calls"."Id" AND k."Field" = '{f.Field}' ORDER BY k."At" DESC, k."Id" DESC LIMIT 1)
            IN ({string.Join(", ", f.Codes.Select(code => $"'{code}'"))});
        """,
    });

    /// <summary>The value recorded on the call is what the field's first correction replaced.</summary>
    public static IEnumerable<string> Down() => Fields.Select(f => $"""
        UPDATE "calls" SET "{f.Column}" = (
            SELECT {FromCode(f, "k.\"PreviousValue\"")} FROM "call_corrections" AS k
            WHERE k."CallId" = "calls"."Id" AND k."Field" = '{f.Field}' ORDER BY k."At", k."Id" LIMIT 1)
        WHERE EXISTS (SELECT 1 FROM "call_corrections" AS k WHERE k."CallId" = "calls"."Id" AND k."Field" = '{f.Field}');
        """);

    /// <summary>The stored enum name (PascalCase) of each snake_case code.</summary>
    private static string StoredName(string code) =>
        string.Concat(code.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static string ToCode((string Field, string Column, string[] Codes) field, string alias) =>
        $"CASE {alias}.\"{field.Column}\" {string.Concat(field.Codes.Select(code => $"WHEN '{StoredName(code)}' THEN '{code}' "))}END";

    private static string FromCode((string Field, string Column, string[] Codes) field, string value) =>
        $"CASE {value} {string.Concat(field.Codes.Select(code => $"WHEN '{code}' THEN '{StoredName(code)}' "))}END";
}
