using Permanence.Core.Common;

namespace Permanence.Data.Scope;

/// <summary>
/// The practices the current caller may see. The DbContext filters every practice-owned table by it, as a second
/// wall behind endpoint authorisation.
/// </summary>
public interface IPracticeScope
{
    bool SeesAllPractices { get; }
    IReadOnlyCollection<PracticeId> PracticeIds { get; }
}

/// <summary>Scope of start-up work, migrations, seeding and background jobs: every practice.</summary>
public sealed class SystemPracticeScope : IPracticeScope
{
    public static readonly SystemPracticeScope Instance = new();
    public bool SeesAllPractices => true;
    public IReadOnlyCollection<PracticeId> PracticeIds => [];
}
