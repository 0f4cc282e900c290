namespace Permanence.Core.Quality;

/// <summary>Where a practice's call volume sits in the usual outsourcing advice.</summary>
public enum VolumeBand
{
    /// <summary>Under about 30 calls a working day: a practice copes alone, or with overflow cover.</summary>
    InHouse,

    /// <summary>30 to 50 calls a day: part-time or shared secretariat cover.</summary>
    SharedCover,

    /// <summary>Over about 50 calls a day: dedicated secretariat cover.</summary>
    DedicatedCover,
}

/// <summary>The outsourcing guide's volume thresholds (calls per working day of one practice).</summary>
public static class OutsourcingGuide
{
    public const double InHouseBelow = 30;
    public const double DedicatedAbove = 50;

    public static VolumeBand BandOf(double callsPerWorkingDay) => callsPerWorkingDay switch
    {
        < InHouseBelow => VolumeBand.InHouse,
        <= DedicatedAbove => VolumeBand.SharedCover,
        _ => VolumeBand.DedicatedCover,
    };
}
