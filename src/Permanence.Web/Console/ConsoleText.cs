namespace Permanence.Web.Console;

/// <summary>
/// Marker type of the console's texts: <c>ConsoleText.resx</c> holds the French texts (the default language) and
/// <c>ConsoleText.en.resx</c> the English ones. Read them through <c>IStringLocalizer&lt;ConsoleText&gt;</c>.
/// </summary>
public sealed class ConsoleText;
