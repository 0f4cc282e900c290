using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Permanence.Core.Common;

namespace Permanence.Core.Triage;

/// <summary>
/// Validates and compiles rule files. Every problem names the file and the 1-based line of the offending rule:
/// JSON syntax, unknown or missing properties, unknown level, category, cue, specialty or action, duplicate rule id,
/// unknown <c>{term}</c> and invalid regular expressions.
/// </summary>
internal static partial class TriageRuleLoader
{
    private static readonly HashSet<string> RuleProperties = new(StringComparer.Ordinal)
    {
        "id", "description", "level", "category", "patterns", "with", "requires", "raise", "specialties", "action",
    };

    private static readonly HashSet<string> FileProperties = new(StringComparer.Ordinal)
    {
        "$schema", "version", "kind", "description", "terms", "rules",
    };

    public static Result<TriageRuleSet> Load(IEnumerable<RuleFile> files, bool compiled)
    {
        var patterns = new RulePatternCompiler(compiled);
        var problems = new List<RuleFileProblem>();
        var parsed = new List<ParsedFile>();
        foreach (var file in files)
        {
            if (Parse(file, problems) is { } p)
            {
                parsed.Add(p);
            }
        }

        var terms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in parsed.Where(f => f.Kind == "terms"))
        {
            ReadTerms(file, terms, problems);
        }

        var signals = new List<TriageRule>();
        var intents = new List<TriageRule>();
        var ids = new Dictionary<string, RuleFileProblem>(StringComparer.Ordinal);
        foreach (var file in parsed.Where(f => f.Kind != "terms"))
        {
            var kind = file.Kind == "signals" ? TriageRuleKind.Signal : TriageRuleKind.Intent;
            var index = 0;
            foreach (var element in file.Rules)
            {
                var line = index < file.RuleLines.Count ? file.RuleLines[index] : file.RulesLine;
                index++;
                var rule = ReadRule(file.Name, line, kind, element, terms, patterns, problems);
                if (rule is null)
                {
                    continue;
                }
                if (ids.TryGetValue(rule.Id, out var first))
                {
                    problems.Add(new(file.Name, line, $"duplicate rule id '{rule.Id}' (first defined in {first.File} line {first.Line.ToString(CultureInfo.InvariantCulture)})."));
                    continue;
                }
                ids[rule.Id] = new RuleFileProblem(file.Name, line, string.Empty);
                (kind == TriageRuleKind.Signal ? signals : intents).Add(rule);
            }
        }

        if (problems.Count > 0)
        {
            return new RuleFileError(problems);
        }
        return new TriageRuleSet(signals, intents, [.. parsed.Select(f => f.Name + "@" + f.Version)]);
    }

    private sealed record ParsedFile(
        string Name, string Kind, string Version, JsonElement Root, IReadOnlyList<JsonElement> Rules,
        IReadOnlyList<int> RuleLines, int RulesLine, IReadOnlyDictionary<string, int> TermLines);

    private static ParsedFile? Parse(RuleFile file, List<RuleFileProblem> problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.Content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            problems.Add(new(file.Name, (int)(ex.LineNumber ?? 0) + 1, "invalid JSON: " + FirstSentence(ex.Message)));
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(file.Name, 1, "the file must be a JSON object with 'version', 'kind' and 'rules' or 'terms'."));
            return null;
        }
        var (ruleLines, rulesLine, termLines) = Lines(file.Content);
        foreach (var property in root.EnumerateObject())
        {
            if (!FileProperties.Contains(property.Name))
            {
                problems.Add(new(file.Name, 1, $"unknown top-level property '{property.Name}' (expected {string.Join(", ", FileProperties)})."));
            }
        }

        var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
        var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null;
        if (string.IsNullOrWhiteSpace(version))
        {
            problems.Add(new(file.Name, 1, "missing string property 'version'."));
        }
        if (kind is not ("signals" or "intents" or "terms"))
        {
            problems.Add(new(file.Name, 1, $"property 'kind' must be 'signals', 'intents' or 'terms' (found '{kind}')."));
            return null;
        }

        var rules = new List<JsonElement>();
        if (kind == "terms")
        {
            if (!root.TryGetProperty("terms", out var t) || t.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(file.Name, 1, "a 'terms' file needs an object property 'terms'."));
                return null;
            }
        }
        else if (!root.TryGetProperty("rules", out var r) || r.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new(file.Name, 1, $"a '{kind}' file needs an array property 'rules'."));
            return null;
        }
        else
        {
            rules.AddRange(r.EnumerateArray());
        }
        return new ParsedFile(file.Name, kind, version ?? string.Empty, root, rules, ruleLines, rulesLine, termLines);
    }

    /// <summary>Line of each element of "rules" and of each property of "terms", from a reader pass over the bytes.</summary>
    private static (List<int> RuleLines, int RulesLine, Dictionary<string, int> TermLines) Lines(byte[] content)
    {
        var ruleLines = new List<int>();
        var termLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var rulesLine = 1;
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var line = 1;
        long counted = 0;
        string? section = null;

        int LineAt(long offset)
        {
            for (; counted < offset; counted++)
            {
                if (content[counted] == (byte)'\n')
                {
                    line++;
                }
            }
            return line;
        }

        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                section = reader.GetString();
                if (section == "rules")
                {
                    rulesLine = LineAt(reader.TokenStartIndex);
                }
            }
            else if (section == "rules" && reader.CurrentDepth == 2 && reader.TokenType is JsonTokenType.StartObject
                or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.StartArray or JsonTokenType.True
                or JsonTokenType.False or JsonTokenType.Null)
            {
                ruleLines.Add(LineAt(reader.TokenStartIndex));
                reader.Skip();
            }
            else if (section == "terms" && reader.CurrentDepth == 2 && reader.TokenType == JsonTokenType.PropertyName)
            {
                termLines[reader.GetString()!] = LineAt(reader.TokenStartIndex);
            }
        }
        return (ruleLines, rulesLine, termLines);
    }

    private static void ReadTerms(ParsedFile file, Dictionary<string, string> terms, List<RuleFileProblem> problems)
    {
        foreach (var term in file.Root.GetProperty("terms").EnumerateObject())
        {
            var line = file.TermLines.GetValueOrDefault(term.Name, 1);
            if (!TermName().IsMatch(term.Name))
            {
                problems.Add(new(file.Name, line, $"term name '{term.Name}' must be lower-case letters and underscores."));
            }
            else if (term.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(term.Value.GetString()))
            {
                problems.Add(new(file.Name, line, $"term '{term.Name}' must be a non-empty string."));
            }
            else if (!terms.TryAdd(term.Name, term.Value.GetString()!))
            {
                problems.Add(new(file.Name, line, $"duplicate term '{term.Name}'."));
            }
        }
        foreach (var name in terms.Keys.ToList())
        {
            var line = file.TermLines.GetValueOrDefault(name, 1);
            var expanded = Expand(terms[name], terms, out var unknown);
            if (unknown is not null)
            {
                problems.Add(new(file.Name, line, $"term '{name}' refers to unknown term '{{{unknown}}}'."));
                continue;
            }
            if (Compile(expanded) is string error)
            {
                problems.Add(new(file.Name, line, $"term '{name}' is not a valid regular expression: {error}"));
            }
        }
    }

    private static TriageRule? ReadRule(
        string file, int line, TriageRuleKind kind, JsonElement element, Dictionary<string, string> terms,
        RulePatternCompiler compiler, List<RuleFileProblem> problems)
    {
        var before = problems.Count;
        void Problem(string message) => problems.Add(new(file, line, message));

        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem("each rule must be a JSON object.");
            return null;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (!RuleProperties.Contains(property.Name))
            {
                Problem($"unknown property '{property.Name}' (expected {string.Join(", ", RuleProperties)}).");
            }
        }

        var id = String(element, "id");
        if (id is null || !RuleId().IsMatch(id))
        {
            Problem($"rule id '{id}' is missing or not in the form AREA-NAME (upper case, digits and hyphens).");
            id = "?";
        }
        var where = $"rule '{id}': ";
        var description = String(element, "description");
        if (string.IsNullOrWhiteSpace(description))
        {
            Problem(where + "missing 'description'.");
        }

        Urgency? level = null;
        var levelCode = String(element, "level");
        if (kind == TriageRuleKind.Signal)
        {
            level = TriageCodes.TryParseUrgency(levelCode);
            if (level is null)
            {
                Problem(where + $"unknown level '{levelCode}' (expected {string.Join(", ", TriageCodes.UrgencyCodes)}).");
            }
        }
        else if (levelCode is not null)
        {
            Problem(where + "an intent rule sets the category only; remove 'level'.");
        }

        var categoryCode = String(element, "category");
        var category = TriageCodes.TryParseCategory(categoryCode);
        if (categoryCode is null && kind == TriageRuleKind.Intent)
        {
            Problem(where + "an intent rule needs a 'category'.");
        }
        else if (categoryCode is not null && category is null)
        {
            Problem(where + $"unknown category '{categoryCode}' (expected {string.Join(", ", TriageCodes.CategoryCodes)}).");
        }

        var requires = Strings(element, "requires", where, Problem);
        foreach (var cue in requires.Where(c => !ClinicalCues.Names.Contains(c)))
        {
            Problem(where + $"unknown cue '{cue}' in 'requires' (expected {string.Join(", ", ClinicalCues.Names)}).");
        }

        var patterns = Strings(element, "patterns", where, Problem);
        if (patterns.Count == 0 && (kind == TriageRuleKind.Intent || requires.Count == 0))
        {
            Problem(where + "needs at least one pattern in 'patterns'" + (kind == TriageRuleKind.Signal ? " or cues in 'requires'." : "."));
        }
        var pattern = CompilePatterns(patterns, terms, compiler, where, Problem);
        var with = CompilePatterns(Strings(element, "with", where, Problem), terms, compiler, where + "'with': ", Problem);

        var raise = new Dictionary<string, Urgency>(StringComparer.Ordinal);
        foreach (var (cue, code) in Map(element, "raise", where, Problem))
        {
            if (!ClinicalCues.Names.Contains(cue))
            {
                Problem(where + $"unknown cue '{cue}' in 'raise'.");
            }
            else if (TriageCodes.TryParseUrgency(code) is { } raised)
            {
                raise[cue] = raised;
            }
            else
            {
                Problem(where + $"unknown level '{code}' in 'raise'.");
            }
        }

        var specialties = new Dictionary<Specialty, Urgency>();
        foreach (var (code, levelText) in Map(element, "specialties", where, Problem))
        {
            var specialty = SpecialtyCodes.TryParse(code);
            var modified = TriageCodes.TryParseUrgency(levelText);
            if (specialty is null)
            {
                Problem(where + $"unknown specialty '{code}' (expected {string.Join(", ", SpecialtyCodes.All)}).");
            }
            else if (modified is null)
            {
                Problem(where + $"unknown level '{levelText}' for specialty '{code}'.");
            }
            else
            {
                specialties[specialty.Value] = modified.Value;
            }
        }

        var action = String(element, "action");
        if (action is not null && TriageActions.Find(action) is null)
        {
            Problem(where + $"unknown action '{action}' (expected {string.Join(", ", TriageActions.Codes)}).");
        }

        if (problems.Count > before)
        {
            return null;
        }
        return new TriageRule(
            id!, kind, description!, pattern, with, requires, level, category ?? TriageCategory.Clinical, raise,
            specialties, action, file, line);
    }

    private static RulePattern? CompilePatterns(
        List<string> patterns, Dictionary<string, string> terms, RulePatternCompiler compiler, string where, Action<string> problem)
    {
        if (patterns.Count == 0)
        {
            return null;
        }
        var expanded = new List<string>(patterns.Count);
        foreach (var p in patterns)
        {
            var e = Expand(p, terms, out var unknown);
            if (unknown is not null)
            {
                problem(where + $"unknown term '{{{unknown}}}' in pattern \"{p}\".");
                continue;
            }
            if (Compile(e) is string error)
            {
                problem(where + $"invalid regular expression \"{p}\": {error}");
                continue;
            }
            expanded.Add(e);
        }
        return expanded.Count == patterns.Count ? compiler.Compile(expanded) : null;
    }

    private static string? Compile(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, RulePatternCompiler.MatchTimeout);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Replaces {name} by the term's pattern, recursively; quantifiers such as {0,3} are left alone.</summary>
    private static string Expand(string pattern, Dictionary<string, string> terms, out string? unknown)
    {
        string? missing = null;
        var result = pattern;
        for (var depth = 0; depth < 8 && TermReference().IsMatch(result); depth++)
        {
            result = TermReference().Replace(result, m =>
            {
                var name = m.Groups[1].Value;
                if (terms.TryGetValue(name, out var value))
                {
                    return "(?:" + value + ")";
                }
                missing ??= name;
                return m.Value;
            });
            if (missing is not null)
            {
                break;
            }
        }
        unknown = missing;
        return result;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Strings(JsonElement element, string name, string where, Action<string> problem)
    {
        var list = new List<string>();
        if (!element.TryGetProperty(name, out var value))
        {
            return list;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            problem(where + $"'{name}' must be an array of strings.");
            return list;
        }
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                problem(where + $"'{name}' must contain non-empty strings only.");
                continue;
            }
            list.Add(item.GetString()!);
        }
        return list;
    }

    private static List<(string Key, string Value)> Map(JsonElement element, string name, string where, Action<string> problem)
    {
        var list = new List<(string, string)>();
        if (!element.TryGetProperty(name, out var value))
        {
            return list;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            problem(where + $"'{name}' must be an object mapping names to levels.");
            return list;
        }
        foreach (var property in value.EnumerateObject())
        {
            list.Add((property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
        }
        return list;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleId();

    [GeneratedRegex(@"^[a-z_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TermName();

    [GeneratedRegex(@"\{([a-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex TermReference();
}
