using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Permanence.Core.Common;
using Permanence.Core.Triage;

namespace Permanence.Cli.Triage;

/// <summary>
/// <c>permanence triage</c>: reads JSON Lines <c>{"id","text","specialty"?,"lang"?}</c> from stdin and writes one line
/// <c>{"id","urgency","category","signals","action","lang"}</c> per input line, in the same order. A malformed line gets
/// an output line with its id (when readable) and an <c>error</c>, and processing goes on; the exit code is non-zero
/// only when reading or writing fails.
/// </summary>
internal static class TriageCommand
{
    public static Command Create()
    {
        var command = new Command("triage", "Suggest urgency, category and protocol action for each JSON line read from stdin.");
        command.SetAction(async (_, cancellationToken) =>
        {
            try
            {
                using var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
                await using var output = Console.OpenStandardOutput();
                await RunAsync(input, output, TriageEngine.CreateDefault(compiled: false), cancellationToken);
                return 0;
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync("triage: I/O failure: " + ex.Message);
                return 2;
            }
        });
        return command;
    }

    public static async Task RunAsync(TextReader input, Stream output, TriageEngine engine, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var newline = "\n"u8.ToArray();
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            WriteLine(writer, line, engine);
            await writer.FlushAsync(cancellationToken);
            writer.Reset();
            await output.WriteAsync(newline, cancellationToken);
        }
        await output.FlushAsync(cancellationToken);
    }

    private static void WriteLine(Utf8JsonWriter writer, string line, TriageEngine engine)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            WriteError(writer, null, "invalid JSON: " + ex.Message);
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                WriteError(writer, null, "each line must be a JSON object");
                return;
            }
            var id = root.TryGetProperty("id", out var idElement) ? idElement : (JsonElement?)null;
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                WriteError(writer, id, "missing string field 'text'");
                return;
            }
            var specialty = SpecialtyCodes.ParseOrGeneral(StringOrNull(root, "specialty"));
            TriageResult result;
            try
            {
                result = engine.Evaluate(new TriageRequest(text.GetString()!, specialty, StringOrNull(root, "lang")));
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological line must not stop the batch; the caller sees it was not triaged.
                WriteError(writer, id, "triage timed out on this line");
                return;
            }
            WriteResult(writer, id, result);
        }
    }

    private static string? StringOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteId(Utf8JsonWriter writer, JsonElement? id)
    {
        writer.WritePropertyName("id");
        if (id is { } value)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteError(Utf8JsonWriter writer, JsonElement? id, string error)
    {
        writer.WriteStartObject();
        WriteId(writer, id);
        writer.WriteString("error", error);
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, JsonElement? id, TriageResult result)
    {
        writer.WriteStartObject();
        WriteId(writer, id);
        writer.WriteString("urgency", result.Urgency.ToCode());
        writer.WriteString("category", result.Category.ToCode());
        writer.WriteStartArray("signals");
        foreach (var signal in result.Signals)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", signal.RuleId);
            writer.WriteString("text", signal.Text);
            writer.WriteNumber("start", signal.Start);
            writer.WriteNumber("length", signal.Length);
            writer.WriteString("qualifier", signal.Qualifier.ToCode());
            if (signal.Urgency is { } urgency)
            {
                writer.WriteString("urgency", urgency.ToCode());
            }
            else
            {
                writer.WriteNull("urgency");
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("action");
        writer.WriteString("code", result.Action.Code);
        writer.WriteString("fr", result.Action.French);
        writer.WriteString("en", result.Action.English);
        writer.WriteEndObject();
        writer.WriteString("lang", result.Language);
        writer.WriteEndObject();
    }
}
