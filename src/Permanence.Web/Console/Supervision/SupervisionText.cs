namespace Permanence.Web.Console.Supervision;

/// <summary>Resource anchor of the supervision page's texts (SupervisionText.resx in French, SupervisionText.en.resx in English).</summary>
public sealed class SupervisionText;
