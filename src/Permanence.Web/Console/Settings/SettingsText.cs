namespace Permanence.Web.Console.Settings;

/// <summary>Resource anchor of the practice settings pages' texts (SettingsText.resx in French, SettingsText.en.resx in English).</summary>
public sealed class SettingsText;
