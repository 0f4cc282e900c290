namespace Permanence.Web.Console.Agenda;

/// <summary>Resource anchor of the agenda screens' texts (AgendaText.resx in French, AgendaText.en.resx in English).</summary>
public sealed class AgendaText;
