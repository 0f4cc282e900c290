namespace Permanence.Data.Demo;

/// <summary>Common French given names and surnames the synthetic patients are drawn from; no real person is meant.</summary>
internal static class DemoNames
{
    /// <summary>People born from this year on get the recent given names ("Léa", "Hugo"), older ones the classic ones.</summary>
    public const int FirstYearOfRecentNames = 2000;

    public static readonly IReadOnlyList<string> ClassicFemaleFirstNames =
    [
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Céline", "Valérie", "Christine", "Aurélie",
        "Émilie", "Julie", "Sarah", "Laura", "Pauline", "Claire", "Anne", "Martine", "Françoise", "Monique",
        "Brigitte", "Hélène", "Élodie", "Mélanie", "Nadia",
    ];

    public static readonly IReadOnlyList<string> RecentFemaleFirstNames =
    [
        "Camille", "Léa", "Manon", "Chloé", "Inès", "Zoé", "Jade", "Louise", "Alice", "Lina",
        "Rose", "Ambre", "Anna", "Mila", "Juliette", "Emma", "Léna", "Lou",
    ];

    public static readonly IReadOnlyList<string> ClassicMaleFirstNames =
    [
        "Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre", "Laurent", "Stéphane",
        "Sébastien", "Julien", "Thomas", "Maxime", "Alexandre", "Antoine", "Kévin", "Romain", "Bernard", "Daniel",
        "Gérard", "François", "Olivier", "Mathieu", "Yann", "Karim",
    ];

    public static readonly IReadOnlyList<string> RecentMaleFirstNames =
    [
        "Hugo", "Lucas", "Louis", "Gabriel", "Léo", "Arthur", "Jules", "Raphaël", "Adam", "Nathan",
        "Paul", "Théo", "Noah", "Mehdi", "Tom", "Sacha", "Ethan", "Nolan",
    ];

    public static readonly IReadOnlyList<string> LastNames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
        "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
        "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
        "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
    ];

    /// <summary>Surnames frequent in the French Antilles, mixed with the common ones for the Martinique practice.</summary>
    public static readonly IReadOnlyList<string> AntilleanLastNames =
    [
        "Marie-Sainte", "Jean-Baptiste", "Joseph", "Alexandre", "Louis-Sidney", "Belrose", "Rosine", "Lucien",
        "Sainte-Rose", "Charles", "Edouard", "Zobda", "Ursulet", "Pélage", "Nelson", "Bellance",
    ];

    /// <summary>Surnames frequent in Alsace, mixed with the common ones for the Strasbourg practice.</summary>
    public static readonly IReadOnlyList<string> AlsatianLastNames =
    [
        "Schmitt", "Meyer", "Weber", "Klein", "Wagner", "Fischer", "Koenig", "Hoffmann", "Schneider", "Kieffer",
        "Walter", "Keller", "Roth", "Herrmann",
    ];
}
