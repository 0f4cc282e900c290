namespace Permanence.Core.Scheduling;

/// <summary>Which set of French public holidays (jours fériés) a practice observes.</summary>
public enum FrenchHolidayRegion
{
    /// <summary>The eleven national holidays.</summary>
    Metropolitan,

    /// <summary>National holidays plus Good Friday (Vendredi saint) and 26 December (Saint-Étienne): Bas-Rhin, Haut-Rhin, Moselle.</summary>
    AlsaceMoselle,

    /// <summary>National holidays plus the abolition of slavery on 27 May.</summary>
    Guadeloupe,

    /// <summary>National holidays plus the abolition of slavery on 22 May.</summary>
    Martinique,

    /// <summary>National holidays plus the abolition of slavery on 10 June.</summary>
    Guyane,

    /// <summary>National holidays plus the abolition of slavery on 20 December.</summary>
    Reunion,

    /// <summary>National holidays plus the abolition of slavery on 27 April.</summary>
    Mayotte,
}
