using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Quality;
using Permanence.Data;
using Permanence.Web.Http;

namespace Permanence.Web.Quality;

public sealed record SurveyPageServices(SurveyLinks Links, PermanenceDbContext Db, SurveyAnswers Answers, IClock Clock);

/// <summary>
/// The anonymous survey page behind an e-mailed link: <c>GET /survey/{token}</c> shows the 1–5 question with an
/// optional comment, <c>POST</c> stores the answer. The signed token is the only credential; a tampered, expired or
/// already-used link shows why and writes nothing.
/// </summary>
public static class SurveyEndpoints
{
    public static IEndpointRouteBuilder MapSurveyEndpoints(this IEndpointRouteBuilder routes)
    {
        var survey = routes.MapGroup(SurveyLinks.PagePath).WithTags("Quality").AllowAnonymous().DisableAntiforgery();
        survey.MapGet("/{token}", Show).WithName("ShowSatisfactionSurvey").WithSummary("The satisfaction survey of one call, behind a signed link sent by e-mail or SMS");
        survey.MapPost("/{token}", Answer).WithName("AnswerSatisfactionSurvey").WithSummary("Store the 1–5 answer and optional comment of a signed survey link");
        return routes;
    }

    private static async Task<ContentHttpResult> Show(string token, [AsParameters] SurveyPageServices s, CancellationToken ct)
    {
        var (call, _, refusal) = await OpenAsync(token, s, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var practice = await s.Db.Practices.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == call!.PracticeId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        return Page(StatusCodes.Status200OK, "Votre avis sur votre appel / Your feedback", Form(token, practice));
    }

    private static async Task<ContentHttpResult> Answer(string token, HttpRequest request, [AsParameters] SurveyPageServices s, CancellationToken ct)
    {
        var (call, channel, refusal) = await OpenAsync(token, s, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (await FormBodies.ReadAsync(request, ct) is not { } form)
        {
            return Page(StatusCodes.Status400BadRequest, "Réponse illisible / Unreadable answer",
                "<p>Votre réponse contient un caractère non autorisé. / Your answer holds a character that is not allowed.</p>");
        }
        int? score = int.TryParse(form["score"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        var answer = SatisfactionSurvey.Answer(score, form["comment"].ToString(), channel, s.Clock.GetCurrentInstant());
        if (answer.Error is { } error)
        {
            return Page(StatusCodes.Status400BadRequest, "Réponse incomplète / Incomplete answer", Problems(error)
                + $"<p><a href=\"{Html(Uri.EscapeDataString(token))}\">Revenir au formulaire / Back to the form</a></p>");
        }
        // Answered on the phone, or by a second submission of the link, since the call was read above.
        if ((await s.Answers.StoreAsync(call!, answer.Value!, ct)).Error is not null)
        {
            return AlreadyAnswered();
        }
        return Page(StatusCodes.Status200OK, "Merci ! / Thank you!", "<p>Votre réponse a bien été enregistrée. / Your answer has been recorded.</p>");
    }

    private static async Task<(Call? Call, SurveyChannel Channel, ContentHttpResult? Refusal)> OpenAsync(string token, SurveyPageServices s, CancellationToken ct)
    {
        var (state, callId, channel) = s.Links.Read(token);
        if (state == SurveyLinkState.Invalid)
        {
            return (null, channel, Page(StatusCodes.Status400BadRequest, "Lien non valide / Invalid link",
                "<p>Ce lien d'enquête n'est pas valide : vérifiez qu'il a été copié en entier. / This survey link is not valid: check it was copied whole.</p>"));
        }
        if (state == SurveyLinkState.Expired)
        {
            return (null, channel, Page(StatusCodes.Status410Gone, "Lien expiré / Link expired",
                "<p>Ce lien d'enquête a expiré. / This survey link has expired.</p>"));
        }
        // The signed link is the credential, whoever is signed in on this browser: a member of staff outside the call's
        // practice who opens it sees the survey, as the patient does.
        var call = await s.Db.Calls.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null)
        {
            return (null, channel, Page(StatusCodes.Status404NotFound, "Appel introuvable / Call not found",
                "<p>L'appel de cette enquête n'existe plus. / The call of this survey no longer exists.</p>"));
        }
        return call.SatisfactionScore is null ? (call, channel, null) : (null, channel, AlreadyAnswered());
    }

    /// <summary>What is wrong with each field of the answer, in both languages of the page.</summary>
    private static string Problems(Error error) => error is ValidationError invalid
        ? "<ul>" + string.Concat(invalid.Fields.SelectMany(f => f.Value.Select(message => $"<li>{Html(FieldLabel(f.Key))} : {Html(message)}</li>"))) + "</ul>"
        : $"<p>{Html(error.Message)}</p>";

    private static string FieldLabel(string field) => field switch
    {
        "score" => "Note / Score",
        "comment" => "Commentaire / Comment",
        _ => field,
    };

    private static ContentHttpResult AlreadyAnswered() => Page(StatusCodes.Status409Conflict, "Déjà répondu / Already answered",
        "<p>Vous avez déjà répondu à cette enquête, merci. / You have already answered this survey, thank you.</p>");

    private static string Form(string token, string practiceName)
    {
        var options = string.Concat(Enumerable.Range(SatisfactionSurvey.MinScore, SatisfactionSurvey.MaxScore).Select(n => string.Create(CultureInfo.InvariantCulture,
            $"<label><input type=\"radio\" name=\"score\" value=\"{n}\" required> {n}</label> ")));
        return $"<p>Comment s'est passé votre appel à {Html(practiceName)} ? 1 = pas du tout satisfait, 5 = très satisfait.<br>"
            + $"How was your call to {Html(practiceName)}? 1 = very unsatisfied, 5 = very satisfied.</p>"
            + $"<form method=\"post\" action=\"{Html(Uri.EscapeDataString(token))}\">"
            + $"<fieldset><legend>Note / Score</legend>{options}</fieldset>"
            + $"<p><label for=\"comment\">Commentaire (facultatif) / Comment (optional)</label><br>"
            + $"<textarea id=\"comment\" name=\"comment\" rows=\"4\" cols=\"50\" maxlength=\"{SatisfactionSurvey.MaxCommentLength}\"></textarea></p>"
            + "<p><button type=\"submit\">Envoyer / Send</button></p></form>";
    }

    private static ContentHttpResult Page(int status, string title, string body) => TypedResults.Content(
        $"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<meta name=\"robots\" content=\"noindex\"><title>{Html(title)}</title></head><body><main><h1>{Html(title)}</h1>{body}</main></body></html>",
        "text/html; charset=utf-8", statusCode: status);

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);
}
