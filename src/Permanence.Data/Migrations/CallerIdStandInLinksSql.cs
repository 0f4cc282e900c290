namespace Permanence.Data.Migrations;

/// <summary>
/// The statements of the ForgetRepeatLinksOfCallerIdStandIns migrations, the same on SQLite and PostgreSQL: Twilio's
/// stand-ins for a withheld number have the E.164 form, so until then the calls of unrelated hidden callers were linked
/// as repeats of one another. The stand-ins are written out as they were when the migration was made.
/// </summary>
internal static class CallerIdStandInLinksSql
{
    private const string StandIns = "'+266696687', '+7378742833', '+2562533', '+8656696', '+86282452253'";

    public const string Up = $"""
        UPDATE "calls" SET "PreviousCallAt" = NULL WHERE "PreviousCallAt" IS NOT NULL AND "FromNumber" IN ({StandIns});
        """;

    /// <summary>Links the stand-ins' calls again, as AddRepeatCallLinks did.</summary>
    public const string Down = $"""
        UPDATE "calls" SET "PreviousCallAt" = (
            SELECT MAX(p."StartedAt") FROM "calls" AS p
            WHERE p."PracticeId" = "calls"."PracticeId" AND p."FromNumber" = "calls"."FromNumber" AND p."Outcome" <> 'InProgress'
                AND (p."StartedAt" < "calls"."StartedAt" OR (p."StartedAt" = "calls"."StartedAt" AND p."Id" < "calls"."Id")))
        WHERE "PracticeId" IS NOT NULL AND "FromNumber" IN ({StandIns});
        """;
}
