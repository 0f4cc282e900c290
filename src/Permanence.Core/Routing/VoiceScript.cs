using System.Globalization;
using System.Xml.Linq;

namespace Permanence.Core.Routing;

/// <summary>The language and text-to-speech voice a practice's callers hear.</summary>
public sealed record CallerLanguage(string Code, string Voice)
{
    public bool IsFrench => Code.StartsWith("fr", StringComparison.Ordinal);
}

/// <summary>Where a recorded voicemail is posted back, and how long a caller may speak.</summary>
public sealed record VoicemailSettings(string ActionPath, int MaxLengthSeconds);

/// <summary>Where the provider posts while a caller waits in its queue, and once the caller leaves it.</summary>
public sealed record QueuePaths(string Wait, string Action);

/// <summary>
/// What an incoming call hears and where it goes, as TwiML (<c>&lt;Response&gt;</c> with <c>Say</c>, <c>Enqueue</c>,
/// <c>Dial</c>, <c>Record</c>, <c>Hangup</c>). Every answered call first hears the practice's name, that the call may be
/// recorded, and to hang up and dial 15 or 112 in a life-threatening emergency.
/// </summary>
public static class VoiceScript
{
    /// <summary>Regions whose callers are greeted in French: metropolitan France and the overseas territories.</summary>
    public static readonly IReadOnlySet<string> FrenchRegions = new HashSet<string>(StringComparer.Ordinal)
    {
        "FR", "RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "NC", "PF", "WF",
    };

    /// <summary>Name of the provider queue of one practice line; at most 64 characters as TwiML allows.</summary>
    public static string QueueName(Guid practiceId, bool urgentLine) =>
        string.Create(CultureInfo.InvariantCulture, $"{practiceId:N}-{(urgentLine ? "urgent" : "routine")}");

    /// <param name="queuePaths">
    /// Where the provider posts while the caller waits (<c>waitUrl</c>) and once the caller leaves the queue
    /// (<c>action</c>); null for a plain <c>Enqueue</c>.
    /// </param>
    public static XDocument For(RoutingDecision decision, string practiceName, string queueName, CallerLanguage language, VoicemailSettings voicemail,
        QueuePaths? queuePaths = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(voicemail);
        var fr = language.IsFrench;
        var verbs = new List<XElement>
        {
            Say(language, fr
                ? $"Bonjour, vous êtes en communication avec {practiceName}. Cet appel peut être enregistré pour la qualité du service. En cas d'urgence vitale, raccrochez et composez le 15 ou le 112."
                : $"Hello, you have reached {practiceName}. This call may be recorded for quality purposes. In a life-threatening emergency, hang up and dial 112."),
        };
        switch (decision.Kind)
        {
            case RouteKind.Queue:
                verbs.Add(Say(language, fr ? "Une secrétaire va vous répondre, merci de patienter." : "A secretary will answer shortly, please hold."));
                verbs.Add(queuePaths is null
                    ? new XElement("Enqueue", queueName)
                    : new XElement("Enqueue",
                        new XAttribute("waitUrl", queuePaths.Wait), new XAttribute("waitUrlMethod", "POST"),
                        new XAttribute("action", queuePaths.Action), new XAttribute("method", "POST"), queueName));
                break;
            case RouteKind.ForwardToOnCall when decision.ForwardTo is not null:
                verbs.Add(Say(language, fr ? "Le cabinet est fermé. Nous vous mettons en relation avec le praticien de garde." : "The practice is closed. We are putting you through to the doctor on call."));
                verbs.Add(new XElement("Dial", new XAttribute("timeout", 30), new XElement("Number", decision.ForwardTo)));
                verbs.Add(Say(language, fr ? "Le praticien de garde n'a pas pu répondre. En cas d'urgence vitale, composez le 15 ou le 112." : "The doctor on call could not answer. In a life-threatening emergency, dial 112."));
                verbs.Add(new XElement("Hangup"));
                break;
            case RouteKind.Voicemail:
            // TwiML has no automated assistant of Permanence's: its callers leave a message the secretariat reads in the morning.
            case RouteKind.AutomatedAssistant:
                verbs.Add(Say(language, fr
                    ? "Le cabinet est fermé. Laissez votre message, votre nom et votre numéro après le bip ; il sera transmis au cabinet le prochain jour ouvré."
                    : "The practice is closed. Please leave your message, name and number after the tone; it will be passed on the next working day."));
                verbs.Add(Record(voicemail));
                break;
            case RouteKind.EmergencyAnnouncement:
            case RouteKind.ForwardToOnCall:
                verbs.Add(Say(language, fr
                    ? "Le cabinet est fermé. En cas d'urgence vitale, composez le 15 ou le 112. Pour un avis médical la nuit ou le week-end, composez le 116 117."
                    : "The practice is closed. In a life-threatening emergency, dial 112."));
                verbs.Add(new XElement("Hangup"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(decision), decision.Kind, null);
        }
        return Response(verbs);
    }

    /// <summary>The dialed number is no practice line: say so politely, point to 15/112, hang up.</summary>
    public static XDocument UnknownNumber(CallerLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return Response(
        [
            Say(language, language.IsFrench
                ? "Bonjour, le numéro que vous avez composé n'est pas attribué. En cas d'urgence vitale, composez le 15 ou le 112. Au revoir."
                : "Hello, the number you have dialed is not in service. In a life-threatening emergency, dial 112. Goodbye."),
            new XElement("Hangup"),
        ]);
    }

    /// <summary>
    /// The provider's wait URL: <c>Leave</c> once Permanence's ACD has overflowed the call, else a short hold message
    /// and a pause before the provider asks again.
    /// </summary>
    public static XDocument QueueWait(CallerLanguage language, bool overflowed, int pauseSeconds)
    {
        ArgumentNullException.ThrowIfNull(language);
        return overflowed
            ? Response([new XElement("Leave")])
            : Response(
            [
                Say(language, language.IsFrench ? "Toutes nos secrétaires sont en ligne, merci de patienter." : "All our secretaries are busy, please hold."),
                new XElement("Pause", new XAttribute("length", pauseSeconds)),
            ]);
    }

    /// <summary>The caller left the queue after the maximum wait: a voicemail, or the promise of a call back and a hang-up.</summary>
    public static XDocument QueueOverflowed(CallerLanguage language, bool voicemail, VoicemailSettings settings)
    {
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(settings);
        var fr = language.IsFrench;
        return voicemail
            ? Response(
            [
                Say(language, fr
                    ? "Nos secrétaires ne peuvent pas vous répondre pour le moment. Laissez votre message, votre nom et votre numéro après le bip ; il sera transmis au cabinet."
                    : "Our secretaries cannot answer right now. Please leave your message, name and number after the tone; it will be passed on to the practice."),
                Record(settings),
            ])
            : Response(
            [
                Say(language, fr
                    ? "Nos secrétaires ne peuvent pas vous répondre pour le moment. Le cabinet vous rappellera dès que possible. Au revoir."
                    : "Our secretaries cannot answer right now. The practice will call you back as soon as possible. Goodbye."),
                new XElement("Hangup"),
            ]);
    }

    /// <summary>Thanks the caller once the voicemail is recorded, then hangs up.</summary>
    public static XDocument VoicemailRecorded(CallerLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return Response(
        [
            Say(language, language.IsFrench ? "Votre message a bien été enregistré. Au revoir." : "Your message has been recorded. Goodbye."),
            new XElement("Hangup"),
        ]);
    }

    /// <summary>
    /// The satisfaction question once the secretary has hung up: one keypad digit, 1 to 5, posted to
    /// <paramref name="answerPath"/>. Silence falls through to the thanks and the hang-up.
    /// </summary>
    /// <param name="again">The previous key was not 1–5: say so before asking the question again.</param>
    public static XDocument SurveyQuestion(CallerLanguage language, string answerPath, bool again)
    {
        ArgumentNullException.ThrowIfNull(language);
        var fr = language.IsFrench;
        var question = fr
            ? "Merci pour votre appel. Êtes-vous satisfait de l'accueil ? Tapez une note de 1, pas du tout satisfait, à 5, très satisfait."
            : "Thank you for calling. How satisfied are you with how your call was handled? Press 1 for very unsatisfied, up to 5 for very satisfied.";
        var retry = fr ? "Cette touche n'est pas une note de 1 à 5. " : "That key is not a score from 1 to 5. ";
        return Response(
        [
            new XElement("Gather",
                new XAttribute("input", "dtmf"),
                new XAttribute("numDigits", 1),
                new XAttribute("timeout", 6),
                new XAttribute("action", answerPath),
                new XAttribute("method", "POST"),
                Say(language, again ? retry + question : question)),
            Say(language, SurveyThanksText(fr)),
            new XElement("Hangup"),
        ]);
    }

    /// <summary>Thanks the caller for the survey (or for their call) and hangs up.</summary>
    public static XDocument SurveyThanks(CallerLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return Response([Say(language, SurveyThanksText(language.IsFrench)), new XElement("Hangup")]);
    }

    private static string SurveyThanksText(bool fr) => fr ? "Merci, au revoir." : "Thank you, goodbye.";

    /// <summary>An empty response: nothing more to do on the call.</summary>
    public static XDocument Empty() => Response([]);

    private static XElement Record(VoicemailSettings voicemail) =>
        new("Record",
            new XAttribute("action", voicemail.ActionPath),
            new XAttribute("method", "POST"),
            new XAttribute("maxLength", voicemail.MaxLengthSeconds),
            new XAttribute("playBeep", "true"),
            new XAttribute("transcribe", "true"),
            new XAttribute("transcribeCallback", voicemail.ActionPath));

    private static XElement Say(CallerLanguage language, string text) =>
        new("Say", new XAttribute("language", language.Code), new XAttribute("voice", language.Voice), text);

    private static XDocument Response(IEnumerable<XElement> verbs) =>
        new(new XDeclaration("1.0", "utf-8", null), new XElement("Response", verbs));
}
