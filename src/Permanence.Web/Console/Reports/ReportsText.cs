namespace Permanence.Web.Console.Reports;

/// <summary>Resource anchor of the reports page's texts (ReportsText.resx in French, ReportsText.en.resx in English).</summary>
public sealed class ReportsText;
