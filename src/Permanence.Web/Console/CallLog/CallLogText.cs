namespace Permanence.Web.Console.CallLog;

/// <summary>Resource anchor of the call log page's texts (CallLogText.resx in French, CallLogText.en.resx in English).</summary>
public sealed class CallLogText;
