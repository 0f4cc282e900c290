using System.Globalization;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using AppointmentChannel = Permanence.Core.Scheduling.AppointmentChannel;

namespace Permanence.Data.Demo;

/// <summary>
/// The practices of the demo secretariat, with their practitioners and appointment types. Names, people and street
/// numbers are invented; towns are real. Mainland lines use the ranges ARCEP keeps for fiction (01 99 00, 02 61 91,
/// 03 53 01, 04 65 71, 05 36 49), so no real subscriber is ever shown.
/// </summary>
internal static class DemoPractices
{
    public const string Tilleuls = "tilleuls";
    public const string Krutenau = "krutenau";
    public const string Lilas = "lilas";
    public const string SaintMichel = "saint-michel";
    public const string Parc = "parc";
    public const string VieuxPort = "vieux-port";
    public const string Capucins = "capucins";
    public const string JardinDesPlantes = "jardin-des-plantes";
    public const string Savane = "savane";

    public const string EmailDomain = "demo.permanence.invalid";
    public const string ParisZone = "Europe/Paris";
    public const string MartiniqueZone = "America/Martinique";

    /// <summary>The routine line of the first demo practice; its presence means the demo is already seeded.</summary>
    public static readonly string FirstRoutineNumber = Phone("02 61 91 10 10");

    private static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    /// <summary>Builds fresh entities (new ids) stamped with <paramref name="now"/>; closures fall in the months after it.</summary>
    public static IReadOnlyList<DemoPractice> Build(Instant now) =>
    [
        CabinetDesTilleuls(now),
        MaisonDeSanteDeLaKrutenau(now),
        PediatrieDesLilas(now),
        CardiologieSaintMichel(now),
        KinesitherapieDuParc(now),
        DentaireDuVieuxPort(now),
        OrthophonieDesCapucins(now),
        PsychiatrieDuJardinDesPlantes(now),
        CabinetDeLaSavane(now),
    ];

    /// <summary>The e-mail address of a demo person or mailbox.</summary>
    public static string Email(string localPart) => $"{localPart}@{EmailDomain}";

    private static DemoPractice CabinetDesTilleuls(Instant now)
    {
        var practice = new Practice
        {
            Name = "Cabinet médical des Tilleuls",
            GreetingText = "Cabinet médical des Tilleuls, {secretary} à votre écoute, bonjour.",
            Specialty = Specialty.General,
            TimeZoneId = ParisZone,
            Address = "14 allée des Tilleuls, 44300 Nantes",
            AccessInstructions = "Rez-de-chaussée accessible en fauteuil roulant. Tramway ligne 2, arrêt Michelet. "
                + "Parking gratuit de dix places devant le cabinet, dont une place réservée PMR.",
            RoutineNumber = FirstRoutineNumber,
            UrgentNumber = Phone("02 61 91 10 11"),
            AfterHoursPolicy = AfterHoursPolicy.ForwardToOnCall,
            AfterHoursForwardNumber = Phone("06 48 21 37 90"),
            DocumentsToBring = ["Carte Vitale", "Attestation de mutuelle", "Ordonnances en cours", "Carnet de santé pour les enfants"],
            MessageDelivery = new MessageDeliveryPreferences
            {
                ByEmail = true,
                UrgentBySms = true,
                UrgentAcknowledgementMinutes = 15,
                PracticeEmail = Email("secretariat.tilleuls"),
            },
            OpeningHours =
            [
                .. Open(MondayToFriday, "08:30", "12:30"),
                .. Open(MondayToFriday, "14:00", "19:00"),
                .. Open([IsoDayOfWeek.Saturday], "09:00", "12:00"),
            ],
            Closures = [Week(Today(now, ParisZone).PlusWeeks(6), "Congés d'hiver du cabinet")],
            Playbook = Faq(
                ("Quels sont les horaires du cabinet ?",
                    "Du lundi au vendredi de 8 h 30 à 12 h 30 et de 14 h à 19 h, le samedi de 9 h à 12 h. "
                    + "En dehors de ces horaires, l'appel est transféré au médecin de garde du cabinet ; en cas d'urgence vitale, composer le 15."),
                ("Comment venir et se garer ?",
                    "Tramway ligne 2, arrêt Michelet, puis deux minutes à pied. Parking gratuit devant le cabinet."),
                ("Que faut-il apporter à la consultation ?",
                    "La carte Vitale, l'attestation de mutuelle, les ordonnances en cours et, pour les enfants, le carnet de santé."),
                ("Quels sont les tarifs ?",
                    "Médecins conventionnés secteur 1 : consultation 30 €, tiers payant sur la part obligatoire. Visite à domicile : majoration de déplacement."),
                ("Proposez-vous la téléconsultation ?",
                    "Oui, pour les patients déjà suivis au cabinet, en vidéo, le lien est envoyé par SMS quinze minutes avant le rendez-vous."),
                ("Puis-je obtenir le renouvellement de mon ordonnance sans rendez-vous ?",
                    "Prendre un message pour le médecin traitant : il rappelle ou dépose l'ordonnance à l'accueil sous 48 heures ouvrées. "
                    + "Au-delà de trois mois de traitement, une consultation est nécessaire."),
                ("Comment avoir mes résultats d'analyses ?",
                    "Le laboratoire les transmet au médecin, qui rappelle le patient si un résultat demande une action. Sinon, ils sont commentés à la prochaine consultation.")),
        };
        var moreau = Person("Dr Claire Moreau", 1, "06 12 45 78 90", "claire.moreau",
            "Pas de nouveaux patients le vendredi. M'appeler directement pour tout INR hors cible.");
        var mercier = Person("Dr Julien Mercier", 2, "06 27 84 19 36", "julien.mercier",
            "Visites à domicile le jeudi après-midi uniquement ; regrouper les visites par quartier.");
        var haddad = Person("Dr Amina Haddad", 3, "07 81 35 62 04", "amina.haddad",
            "Suivi gynécologique et des nourrissons ; garder deux créneaux d'urgence chaque matin.");
        return Assemble(Tilleuls, practice, now, [moreau, mercier, haddad],
        [
            new AppointmentType { Name = "Consultation", DurationMinutes = 20, MinimumNoticeMinutes = 30, MaxPerDayPerPractitioner = 24 },
            new AppointmentType
            {
                Name = "Première consultation", DurationMinutes = 30, MinimumNoticeMinutes = 120, BookingHorizonDays = 60,
                MaxPerDayPerPractitioner = 3, PreparationInstructions = "Apporter les derniers comptes rendus, la liste des traitements et le carnet de vaccination.",
                DocumentsToBring = ["Carte Vitale", "Pièce d'identité", "Comptes rendus médicaux récents"],
            },
            new AppointmentType
            {
                Name = "Téléconsultation", DurationMinutes = 15, MinimumNoticeMinutes = 60, BookingHorizonDays = 30,
                NewPatientsAllowed = false, Channel = AppointmentChannel.Video,
                PreparationInstructions = "Se connecter cinq minutes avant avec le lien reçu par SMS, dans un endroit calme, carte Vitale à portée de main.",
            },
            new AppointmentType
            {
                Name = "Visite à domicile", DurationMinutes = 30, BufferBeforeMinutes = 15, BufferAfterMinutes = 15,
                MinimumNoticeMinutes = 240, BookingHorizonDays = 14, MaxPerDayPerPractitioner = 3, NewPatientsAllowed = false,
                Channel = AppointmentChannel.HomeVisit, AllowedPractitioners = [mercier.Id],
                PreparationInstructions = "Réservée aux patients qui ne peuvent pas se déplacer ; noter le code d'accès et l'étage.",
            },
        ], new DemoPatientProfile(0, 95, [], DemoPatientProfile.MetropolitanMobiles));
    }

    private static DemoPractice MaisonDeSanteDeLaKrutenau(Instant now)
    {
        var practice = new Practice
        {
            Name = "Maison de santé de la Krutenau",
            GreetingText = "Maison de santé de la Krutenau, {secretary} à votre écoute, bonjour.",
            Specialty = Specialty.General,
            TimeZoneId = ParisZone,
            Address = "8 rue de Zurich, 67000 Strasbourg",
            AccessInstructions = "Tram C, arrêt Gallia. Stationnement payant quai des Bateliers. Ascenseur au fond de la cour, deuxième étage.",
            RoutineNumber = Phone("03 53 01 20 20"),
            AfterHoursPolicy = AfterHoursPolicy.AutomatedAssistant,
            ObservesAlsaceMosellePublicHolidays = true,
            DocumentsToBring = ["Carte Vitale", "Attestation de mutuelle", "Ordonnances en cours"],
            MessageDelivery = new MessageDeliveryPreferences
            {
                ByEmail = true,
                UrgentBySms = true,
                UrgentAcknowledgementMinutes = 20,
                PracticeEmail = Email("accueil.krutenau"),
            },
            OpeningHours =
            [
                .. Open(MondayToFriday, "08:00", "12:00"),
                .. Open(MondayToFriday, "13:30", "19:30"),
                .. Open([IsoDayOfWeek.Saturday], "08:30", "12:00"),
            ],
            Closures = [Day(Today(now, ParisZone).PlusWeeks(8).Next(IsoDayOfWeek.Friday), "Formation continue de l'équipe")],
            Playbook = Faq(
                ("Quels sont les horaires ?",
                    "Du lundi au vendredi de 8 h à 12 h et de 13 h 30 à 19 h 30, le samedi de 8 h 30 à 12 h. "
                    + "Le cabinet est fermé le Vendredi saint et le 26 décembre, jours fériés en Alsace-Moselle."),
                ("Comment venir ?",
                    "Tram C, arrêt Gallia, puis la rue de Zurich à pied. Stationnement payant quai des Bateliers, aucune place dans la cour."),
                ("Comment suis-je remboursé ?",
                    "Médecins secteur 1, consultation 30 €. Les assurés du régime local d'Alsace-Moselle sont remboursés à 90 % par l'Assurance maladie."),
                ("Les médecins font-ils des téléconsultations ?",
                    "Oui, pour les patients suivis à la maison de santé, du lundi au vendredi entre 12 h et 13 h 30."),
                ("Un médecin peut-il venir à domicile ?",
                    "Le Dr Klein fait des visites le mardi et le vendredi après-midi pour les patients qui ne peuvent pas se déplacer."),
                ("Que faire le soir ou le week-end ?",
                    "L'assistant vocal gère les rendez-vous. Pour un avis médical, appeler SOS Médecins Strasbourg ; en cas d'urgence vitale, le 15.")),
        };
        var weber = Person("Dr Antoine Weber", 4, "06 45 12 98 73", "antoine.weber",
            "Pas de rendez-vous le mercredi après-midi. Me transférer les appels des pharmacies.");
        var klein = Person("Dr Sophie Klein", 5, "06 81 27 45 16", "sophie.klein",
            "Visites à domicile le mardi et le vendredi après-midi.");
        var meyer = Person("Dr Lucas Meyer", 6, "07 68 42 13 57", "lucas.meyer",
            "Jeune installé : accepte les nouveaux patients, y compris sans médecin traitant.");
        return Assemble(Krutenau, practice, now, [weber, klein, meyer],
        [
            new AppointmentType { Name = "Consultation", DurationMinutes = 15, MinimumNoticeMinutes = 30, MaxPerDayPerPractitioner = 28 },
            new AppointmentType
            {
                Name = "Première consultation", DurationMinutes = 30, MinimumNoticeMinutes = 240, BookingHorizonDays = 45,
                MaxPerDayPerPractitioner = 4, DocumentsToBring = ["Carte Vitale", "Pièce d'identité", "Dernières analyses"],
                PreparationInstructions = "Apporter la liste des traitements en cours et les comptes rendus d'hospitalisation.",
            },
            new AppointmentType
            {
                Name = "Téléconsultation", DurationMinutes = 15, MinimumNoticeMinutes = 60, BookingHorizonDays = 14,
                NewPatientsAllowed = false, Channel = AppointmentChannel.Video,
                PreparationInstructions = "Lien envoyé par SMS ; prévoir un téléphone chargé et la carte Vitale.",
            },
            new AppointmentType
            {
                Name = "Visite à domicile", DurationMinutes = 30, BufferBeforeMinutes = 20, BufferAfterMinutes = 10,
                MinimumNoticeMinutes = 180, BookingHorizonDays = 10, MaxPerDayPerPractitioner = 4, NewPatientsAllowed = false,
                Channel = AppointmentChannel.HomeVisit, AllowedPractitioners = [klein.Id],
            },
            new AppointmentType
            {
                Name = "Certificat de sport", DurationMinutes = 15, MinimumNoticeMinutes = 1440, BookingHorizonDays = 60,
                PreparationInstructions = "Apporter le formulaire de la fédération et le carnet de santé.",
            },
        ], new DemoPatientProfile(0, 92, DemoNames.AlsatianLastNames, DemoPatientProfile.MetropolitanMobiles));
    }

    private static DemoPractice PediatrieDesLilas(Instant now)
    {
        var practice = new Practice
        {
            Name = "Cabinet de pédiatrie des Lilas",
            GreetingText = "Cabinet de pédiatrie des Lilas, {secretary} bonjour, que puis-je pour vous ?",
            Specialty = Specialty.Pediatrics,
            TimeZoneId = ParisZone,
            Address = "27 avenue Lacassagne, 69003 Lyon",
            AccessInstructions = "Métro D, arrêt Garibaldi. Local à poussettes dans le hall. Salle d'attente séparée pour les enfants fiévreux.",
            RoutineNumber = Phone("04 65 71 30 30"),
            UrgentNumber = Phone("04 65 71 30 31"),
            AfterHoursPolicy = AfterHoursPolicy.ForwardToOnCall,
            AfterHoursForwardNumber = Phone("07 61 38 52 90"),
            DocumentsToBring = ["Carnet de santé", "Carte Vitale du parent", "Attestation de mutuelle"],
            MessageDelivery = new MessageDeliveryPreferences
            {
                ByEmail = false,
                UrgentBySms = true,
                UrgentAcknowledgementMinutes = 10,
                PracticeEmail = Email("pediatrie.lilas"),
            },
            OpeningHours =
            [
                .. Open(MondayToFriday, "09:00", "12:00"),
                .. Open(MondayToFriday, "14:00", "18:30"),
                .. Open([IsoDayOfWeek.Saturday], "09:00", "12:00"),
            ],
            Closures = [Week(Today(now, ParisZone).PlusWeeks(9), "Congés de février")],
            Playbook = Faq(
                ("Quels sont les horaires ?",
                    "Du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h 30, le samedi matin de 9 h à 12 h. Des créneaux d'urgence sont gardés chaque jour."),
                ("Mon enfant a de la fièvre, peut-il être vu aujourd'hui ?",
                    "Proposer un créneau d'urgence du jour. Si l'enfant a moins de trois mois, respire mal, est très somnolent ou a des taches sur la peau : appeler le 15."),
                ("Que faut-il apporter ?",
                    "Le carnet de santé, la carte Vitale du parent et, pour un vaccin, le vaccin prescrit conservé au réfrigérateur."),
                ("Quels sont les tarifs ?",
                    "Pédiatres secteur 1 : consultation 32 € ; consultations obligatoires du nourrisson prises en charge à 100 %."),
                ("Comment venir ?",
                    "Métro D, arrêt Garibaldi. Local à poussettes au rez-de-chaussée, ascenseur jusqu'au premier étage.")),
        };
        var roussel = Person("Dr Isabelle Roussel", 7, "06 58 14 72 39", "isabelle.roussel",
            "Nourrissons de moins de trois mois vus le jour même. Vaccinations groupées le mercredi.");
        var fabre = Person("Dr Mathieu Fabre", 8, "06 74 25 81 63", "mathieu.fabre",
            "Suivi des troubles du sommeil et de l'asthme de l'enfant ; pas de consultation le samedi.");
        return Assemble(Lilas, practice, now, [roussel, fabre],
        [
            new AppointmentType { Name = "Consultation", DurationMinutes = 20, MinimumNoticeMinutes = 30, MaxPerDayPerPractitioner = 22 },
            new AppointmentType
            {
                Name = "Consultation nourrisson (moins de 2 ans)", DurationMinutes = 30, BookingHorizonDays = 60,
                PreparationInstructions = "Apporter le carnet de santé et noter les questions ; prévoir une couche et un biberon.",
                DocumentsToBring = ["Carnet de santé"],
            },
            new AppointmentType
            {
                Name = "Vaccination", DurationMinutes = 15, MinimumNoticeMinutes = 1440, BookingHorizonDays = 90,
                PreparationInstructions = "Apporter le vaccin prescrit, conservé au réfrigérateur, et le carnet de santé.",
                DocumentsToBring = ["Carnet de santé", "Vaccin prescrit"],
            },
            new AppointmentType
            {
                Name = "Urgence du jour", DurationMinutes = 15, BookingHorizonDays = 1, MaxPerDayPerPractitioner = 6,
                NewPatientsAllowed = false,
                PreparationInstructions = "Noter la température et l'heure du dernier antipyrétique.",
            },
        ], new DemoPatientProfile(0, 17, [], DemoPatientProfile.MetropolitanMobiles, SiblingsShareNumber: true));
    }

    private static DemoPractice CardiologieSaintMichel(Instant now)
    {
        var practice = new Practice
        {
            Name = "Cabinet de cardiologie Saint-Michel",
            GreetingText = "Cabinet de cardiologie Saint-Michel, {secretary}, bonjour.",
            Specialty = Specialty.Cardiology,
            TimeZoneId = ParisZone,
            Address = "5 place Canteloup, 33800 Bordeaux",
            AccessInstructions = "Tram C, arrêt Sainte-Croix. Parking Victor-Hugo à 300 m. Deuxième étage avec ascenseur.",
            RoutineNumber = Phone("05 36 49 40 40"),
            AfterHoursPolicy = AfterHoursPolicy.EmergencyAnnouncement,
            DocumentsToBring = ["Carte Vitale", "Lettre du médecin traitant", "Anciens ECG et comptes rendus", "Ordonnances en cours"],
            MessageDelivery = new MessageDeliveryPreferences
            {
                ByEmail = true,
                UrgentBySms = true,
                UrgentAcknowledgementMinutes = 10,
                PracticeEmail = Email("cardio.saint-michel"),
            },
            OpeningHours =
            [
                .. Open(MondayToFriday, "08:30", "12:30"),
                .. Open(MondayToFriday, "13:30", "18:00"),
            ],
            Closures =
            [
                Week(Today(now, ParisZone).PlusWeeks(5), "Congrès de cardiologie"),
                Day(Today(now, ParisZone).PlusWeeks(12).Next(IsoDayOfWeek.Monday), "Fermeture exceptionnelle"),
            ],
            Playbook = Faq(
                ("J'ai une douleur dans la poitrine, que faire ?",
                    "Ne pas prendre rendez-vous : raccrocher et appeler le 15 immédiatement, ou le 112."),
                ("Faut-il une lettre du médecin traitant ?",
                    "Oui, pour être remboursé dans le parcours de soins. Apporter aussi les anciens ECG et les comptes rendus."),
                ("Quels sont les tarifs ?",
                    "Cardiologues secteur 2 : consultation 60 €, échographie cardiaque selon la nomenclature ; dépassements indiqués avant l'examen."),
                ("Comment se préparer à une épreuve d'effort ?",
                    "Tenue de sport et baskets, repas léger deux heures avant ; ne pas arrêter un traitement sans l'avis du cardiologue."),
                ("Comment venir ?",
                    "Tram C, arrêt Sainte-Croix ; parking Victor-Hugo à 300 m. Cabinet au deuxième étage avec ascenseur.")),
        };
        var garnier = Person("Dr Philippe Garnier", 9, "06 23 57 91 48", "philippe.garnier",
            "Épreuves d'effort le mardi et le jeudi matin. M'appeler pour tout ECG transmis par un confrère.");
        var bertrand = Person("Dr Nathalie Bertrand", 10, "06 66 31 84 27", "nathalie.bertrand",
            "Échographies le lundi et le mercredi ; pas de nouveaux patients sans courrier du médecin traitant.");
        return Assemble(SaintMichel, practice, now, [garnier, bertrand],
        [
            new AppointmentType
            {
                Name = "Consultation de cardiologie", DurationMinutes = 30, MinimumNoticeMinutes = 1440, BookingHorizonDays = 120,
                MaxPerDayPerPractitioner = 14, DocumentsToBring = ["Lettre du médecin traitant", "Anciens ECG", "Ordonnances en cours"],
            },
            new AppointmentType
            {
                Name = "ECG", DurationMinutes = 15, MinimumNoticeMinutes = 60, BookingHorizonDays = 30,
                PreparationInstructions = "Éviter crème et huile sur le torse le jour de l'examen.",
            },
            new AppointmentType
            {
                Name = "Échographie cardiaque", DurationMinutes = 45, BufferAfterMinutes = 5, MinimumNoticeMinutes = 2880,
                BookingHorizonDays = 120, MaxPerDayPerPractitioner = 6, AllowedPractitioners = [bertrand.Id],
                PreparationInstructions = "Apporter les anciens ECG et les comptes rendus d'échographie.",
                DocumentsToBring = ["Anciens ECG", "Comptes rendus d'échographie"],
            },
            new AppointmentType
            {
                Name = "Épreuve d'effort", DurationMinutes = 45, BufferAfterMinutes = 15, MinimumNoticeMinutes = 2880,
                BookingHorizonDays = 120, MaxPerDayPerPractitioner = 4, NewPatientsAllowed = false, AllowedPractitioners = [garnier.Id],
                PreparationInstructions = "Venir en tenue de sport avec des baskets ; repas léger deux heures avant ; apporter les anciens ECG.",
            },
        ], new DemoPatientProfile(35, 92, [], DemoPatientProfile.MetropolitanMobiles));
    }

    private static DemoPractice KinesitherapieDuParc(Instant now)
    {
        var practice = new Practice
        {
            Name = "Centre de kinésithérapie du Parc",
            GreetingText = "Centre de kinésithérapie du Parc, {secretary} à votre écoute, bonjour.",
            Specialty = Specialty.Physiotherapy,
            TimeZoneId = ParisZone,
            Address = "36 boulevard Jourdan, 75014 Paris",
            AccessInstructions = "RER B ou tram T3a, arrêt Cité Universitaire. Local de plain-pied, accessible en fauteuil roulant.",
            RoutineNumber = Phone("01 99 00 50 50"),
            AfterHoursPolicy = AfterHoursPolicy.VoicemailToMessage,
            DocumentsToBring = ["Ordonnance du médecin", "Carte Vitale", "Radios et comptes rendus", "Serviette"],
            MessageDelivery = new MessageDeliveryPreferences
            {
                ByEmail = true,
                UrgentBySms = false,
                UrgentAcknowledgementMinutes = 60,
                PracticeEmail = Email("kine.parc"),
            },
            OpeningHours =
            [
                .. Open(MondayToFriday, "07:30", "13:00"),
                .. Open(MondayToFriday, "13:30", "20:00"),
                .. Open([IsoDayOfWeek.Saturday], "08:00", "13:00"),
            ],
            Closures = [Week(Today(now, ParisZone).PlusWeeks(7), "Congés de l'équipe")],
            Playbook = Faq(
                ("Faut-il une ordonnance ?",
                    "Oui, pour être remboursé. L'accès direct sans ordonnance est possible pour huit séances au plus si le médecin traitant est informé."),
                ("Quels sont les horaires ?",
                    "Du lundi au vendredi de 7 h 30 à 13 h et de 13 h 30 à 20 h, le samedi de 8 h à 13 h."),
                ("Que faut-il apporter ?",
                    "L'ordonnance, la carte Vitale, les radios et comptes rendus, une serviette et une tenue souple."),
                ("Quels sont les tarifs ?",
                    "Kinésithérapeutes conventionnés : tarifs de la Sécurité sociale, sans dépassement ; tiers payant accepté."),
                ("Comment venir ?",
                    "RER B ou tram T3a, arrêt Cité Universitaire ; stationnement difficile, privilégier les transports.")),
        };
        var lambert = Person("M. Thomas Lambert, kinésithérapeute", 11, "06 34 72 18 95", "thomas.lambert",
            "Rééducation du sport et post-opératoire ; séances de 7 h 30 réservées aux actifs.");
        var petit = Person("Mme Julie Petit, kinésithérapeute", 12, "06 87 13 46 52", "julie.petit",
            "Rééducation périnéale et pédiatrique ; pas de séance le mercredi.");
        var vasseur = Person("Mme Chloé Vasseur, kinésithérapeute", 13, "07 52 84 61 37", "chloe.vasseur",
            "Drainage lymphatique et rééducation respiratoire ; séances à domicile le jeudi.");
        return Assemble(Parc, practice, now, [lambert, petit, vasseur],
        [
            new AppointmentType { Name = "Séance de rééducation", DurationMinutes = 30, MinimumNoticeMinutes = 120, BookingHorizonDays = 60, MaxPerDayPerPractitioner = 18 },
            new AppointmentType
            {
                Name = "Bilan kinésithérapique", DurationMinutes = 45, MinimumNoticeMinutes = 1440, BookingHorizonDays = 60,
                MaxPerDayPerPractitioner = 3, PreparationInstructions = "Apporter l'ordonnance, les radios, IRM et comptes rendus opératoires.",
                DocumentsToBring = ["Ordonnance", "Radios et comptes rendus"],
            },
            new AppointmentType
            {
                Name = "Rééducation périnéale", DurationMinutes = 30, MinimumNoticeMinutes = 1440, AllowedPractitioners = [petit.Id],
            },
            new AppointmentType
            {
                Name = "Séance à domicile", DurationMinutes = 30, BufferBeforeMinutes = 15, BufferAfterMinutes = 15,
                MinimumNoticeMinutes = 1440, BookingHorizonDays = 30, MaxPerDayPerPractitioner = 4, NewPatientsAllowed = false,
                Channel = AppointmentChannel.HomeVisit, AllowedPractitioners = [vasseur.Id],
                PreparationInstructions = "Sur prescription de soins à domicile ; noter le digicode et l'étage.",
            },
        ], new DemoPatientProfile(12, 88, [], DemoPatientProfile.MetropolitanMobiles));
    }

    private static DemoPractice DentaireDuVieuxPort(Instant now)
    {
        var practice = new Practice
        {
            Name = "Cabinet dentaire du Vieux-Port",
            GreetingText = "Cabinet dentaire du Vieux-Port, {secretary}, bonjour.",
            Specialty = Specialty.Dentistry,
            TimeZoneId = ParisZone,
            Address = "9 quai de Rive-Neuve, 13007 Marseille",
            AccessInstructions = "Métro 1, arrêt Vieux-Port. Parking Estienne-d'Orves. Premier étage sans ascenseur : "
                + "prévenir pour un rendez-vous au fauteuil du rez-de-chaussée.",
            RoutineNumber = Phone("04 65 71 60 60"),
            UrgentNumber = Phone("04 65 71 60 61"),
            AfterHoursPolicy = AfterHoursPolicy.AutomatedAssistant,
            DocumentsToBring = ["Carte Vitale", "Attestation de mutuelle", "Radios dentaires récentes"],
            MessageDelivery = new MessageDeliveryPreferences
            {
                ByEmail = true,
                UrgentBySms = true,
                UrgentAcknowledgementMinutes = 30,
                PracticeEmail = Email("dentaire.vieux-port"),
            },
            OpeningHours =
            [
                .. Open([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday], "09:00", "12:30"),
                .. Open([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday], "14:00", "19:00"),
                .. Open([IsoDayOfWeek.Friday], "09:00", "13:00"),
            ],
            Closures = [Week(Today(now, ParisZone).PlusWeeks(8), "Congés du cabinet")],
            Playbook = Faq(
                ("J'ai très mal aux dents, pouvez-vous me recevoir aujourd'hui ?",
                    "Proposer une urgence dentaire du jour. Gonflement du visage avec fièvre ou difficulté à avaler : appeler le 15."),
                ("Quels sont les horaires ?",
                    "Du lundi au jeudi de 9 h à 12 h 30 et de 14 h à 19 h, le vendredi de 9 h à 13 h."),
                ("Le cabinet fait-il des devis ?",
                    "Oui : les soins prothétiques et l'implantologie font l'objet d'un devis remis avant les soins, à transmettre à la mutuelle."),
                ("Quels sont les tarifs ?",
                    "Soins conservateurs aux tarifs de la Sécurité sociale, tiers payant ; prothèses selon devis, avec offre « 100 % santé »."),
                ("Comment venir ?",
                    "Métro 1, arrêt Vieux-Port ; parking Estienne-d'Orves. Premier étage sans ascenseur.")),
        };
        var benali = Person("Dr Karim Benali, chirurgien-dentiste", 14, "06 41 58 27 63", "karim.benali",
            "Extractions et implantologie le mardi ; urgences le matin de préférence.");
        var marchand = Person("Dr Élodie Marchand, chirurgien-dentiste", 15, "06 02 73 94 18", "elodie.marchand",
            "Soins des enfants le mercredi ; pas de nouveaux patients avant le mois prochain.");
        return Assemble(VieuxPort, practice, now, [benali, marchand],
        [
            new AppointmentType
            {
                Name = "Consultation de contrôle", DurationMinutes = 20, MinimumNoticeMinutes = 1440, BookingHorizonDays = 180,
                DocumentsToBring = ["Carte Vitale", "Radios dentaires récentes"],
            },
            new AppointmentType { Name = "Détartrage", DurationMinutes = 30, MinimumNoticeMinutes = 1440, BookingHorizonDays = 180, MaxPerDayPerPractitioner = 8 },
            new AppointmentType
            {
                Name = "Soin dentaire", DurationMinutes = 45, BufferAfterMinutes = 10, MinimumNoticeMinutes = 1440,
                BookingHorizonDays = 90, NewPatientsAllowed = false,
            },
            new AppointmentType
            {
                Name = "Urgence dentaire", DurationMinutes = 20, BookingHorizonDays = 2, MaxPerDayPerPractitioner = 4,
                PreparationInstructions = "Prendre un antalgique habituel si besoin ; pas d'aspirine avant une éventuelle extraction.",
            },
            new AppointmentType
            {
                Name = "Extraction", DurationMinutes = 45, BufferAfterMinutes = 15, MinimumNoticeMinutes = 2880, BookingHorizonDays = 60,
                NewPatientsAllowed = false, AllowedPractitioners = [benali.Id],
                PreparationInstructions = "Prendre un petit-déjeuner ; signaler tout traitement anticoagulant.",
            },
        ], new DemoPatientProfile(4, 88, [], DemoPatientProfile.MetropolitanMobiles));
    }

    private static DemoPractice OrthophonieDesCapucins(Instant now)
    {
        var practice = new Practice
        {
            Name = "Cabinet d'orthophonie des Capucins",
            GreetingText = "Cabinet d'orthophonie des Capucins, {secretary}, bonjour.",
            Specialty = Specialty.SpeechTherapy,
            TimeZoneId = ParisZone,
            Address = "11 rue Pharaon, 31000 Toulouse",
            AccessInstructions = "Métro B, arrêt Carmes. Deuxième étage avec ascenseur ; salle d'attente partagée avec le cabinet infirmier.",
            RoutineNumber = Phone("05 36 49 70 70"),
            AfterHoursPolicy = AfterHoursPolicy.VoicemailToMessage,
            DocumentsToBring = ["Ordonnance de bilan orthophonique", "Carte Vitale", "Bilans antérieurs"],
            MessageDelivery = new MessageDeliveryPreferences
            {
                ByEmail = true,
                UrgentBySms = false,
                UrgentAcknowledgementMinutes = 120,
                PracticeEmail = Email("orthophonie.capucins"),
            },
            OpeningHours =
            [
                .. Open([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], "08:30", "12:00"),
                .. Open([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], "13:30", "19:00"),
                .. Open([IsoDayOfWeek.Wednesday], "08:30", "18:00"),
            ],
            Closures = [Week(Today(now, ParisZone).PlusWeeks(6), "Vacances scolaires")],
            Playbook = Faq(
                ("Quel est le délai pour un bilan ?",
                    "Environ trois mois ; inscrire sur la liste d'attente avec l'âge de l'enfant et le motif de l'ordonnance."),
                ("Que faut-il apporter au bilan ?",
                    "L'ordonnance de bilan, la carte Vitale, le carnet de santé, les bilans antérieurs et les cahiers d'école."),
                ("Quels sont les horaires ?",
                    "Lundi, mardi, jeudi et vendredi de 8 h 30 à 12 h et de 13 h 30 à 19 h ; mercredi en continu de 8 h 30 à 18 h."),
                ("Les séances sont-elles remboursées ?",
                    "Oui, à 60 % par l'Assurance maladie sur prescription, le reste par la mutuelle ; orthophonistes conventionnées."),
                ("Que se passe-t-il en cas d'absence ?",
                    "Prévenir au moins 24 heures avant ; une séance non décommandée n'est pas reportée.")),
        };
        var chevalier = Person("Mme Aurélie Chevalier, orthophoniste", 16, "06 29 64 81 35", "aurelie.chevalier",
            "Rééducation des adultes (aphasie, déglutition) le mardi et le jeudi.");
        var benoit = Person("Mme Sarah Benoît, orthophoniste", 17, "07 58 31 26 94", "sarah.benoit",
            "Enfants et adolescents : troubles du langage écrit ; liste d'attente tenue par le secrétariat.");
        return Assemble(Capucins, practice, now, [chevalier, benoit],
        [
            new AppointmentType
            {
                Name = "Bilan orthophonique", DurationMinutes = 60, MinimumNoticeMinutes = 2880, BookingHorizonDays = 120,
                MaxPerDayPerPractitioner = 2, PreparationInstructions = "Apporter l'ordonnance, le carnet de santé, les bilans antérieurs et les cahiers d'école.",
                DocumentsToBring = ["Ordonnance de bilan", "Carnet de santé", "Cahiers d'école"],
            },
            new AppointmentType { Name = "Séance de rééducation", DurationMinutes = 30, MinimumNoticeMinutes = 1440, NewPatientsAllowed = false },
            new AppointmentType
            {
                Name = "Séance de rééducation adulte", DurationMinutes = 45, MinimumNoticeMinutes = 1440, NewPatientsAllowed = false,
                AllowedPractitioners = [chevalier.Id],
            },
        ], new DemoPatientProfile(3, 80, [], DemoPatientProfile.MetropolitanMobiles));
    }

    private static DemoPractice PsychiatrieDuJardinDesPlantes(Instant now)
    {
        var practice = new Practice
        {
            Name = "Cabinet de psychiatrie du Jardin des Plantes",
            GreetingText = "Cabinet de psychiatrie du Jardin des Plantes, {secretary}, bonjour.",
            Specialty = Specialty.Psychiatry,
            TimeZoneId = ParisZone,
            Address = "3 boulevard Henri-IV, 34000 Montpellier",
            AccessInstructions = "Tram 1 ou 4, arrêt Louis-Blanc. Cabinet au premier étage, interphone « Psychiatrie ».",
            RoutineNumber = Phone("04 65 71 80 80"),
            AfterHoursPolicy = AfterHoursPolicy.EmergencyAnnouncement,
            DocumentsToBring = ["Carte Vitale", "Lettre du médecin traitant", "Ordonnances en cours"],
            MessageDelivery = new MessageDeliveryPreferences
            {
                ByEmail = true,
                UrgentBySms = true,
                UrgentAcknowledgementMinutes = 15,
            },
            OpeningHours =
            [
                .. Open(MondayToFriday, "09:00", "13:00"),
                .. Open([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], "14:00", "19:00"),
            ],
            Closures = [Week(Today(now, ParisZone).PlusWeeks(10), "Congés")],
            Playbook = Faq(
                ("Je ne vais pas bien du tout, que faire ?",
                    "Si la personne évoque des idées suicidaires : ne pas raccrocher, lui donner le 3114 (prévention du suicide, 24 h/24) "
                    + "et, en cas de danger immédiat, appeler le 15. Prévenir le psychiatre par message urgent."),
                ("Prenez-vous de nouveaux patients ?",
                    "Oui, sur lettre du médecin traitant ; première consultation d'une heure, délai d'environ un mois."),
                ("Quels sont les tarifs ?",
                    "Psychiatres secteur 1 : consultation 55 €, première consultation sur adressage du médecin traitant 60 €."),
                ("Les suivis peuvent-ils se faire en vidéo ?",
                    "Oui, pour les patients déjà suivis, en alternance avec des consultations au cabinet."),
                ("Quels sont les horaires ?",
                    "Du lundi au vendredi de 9 h à 13 h, et l'après-midi de 14 h à 19 h sauf le mercredi.")),
        };
        var vidal = Person("Dr Hélène Vidal", 18, "06 54 19 83 27", "helene.vidal",
            "Me prévenir par SMS de tout appel évoquant un risque suicidaire, même la nuit.");
        var aubert = Person("Dr Marc Aubert", 19, "06 71 46 28 53", "marc.aubert",
            "Psychiatrie de l'adolescent à partir de 15 ans ; pas de téléconsultation pour une première venue.");
        return Assemble(JardinDesPlantes, practice, now, [vidal, aubert],
        [
            new AppointmentType
            {
                Name = "Première consultation", DurationMinutes = 60, MinimumNoticeMinutes = 2880, BookingHorizonDays = 60,
                MaxPerDayPerPractitioner = 2, DocumentsToBring = ["Lettre du médecin traitant", "Ordonnances en cours"],
            },
            new AppointmentType { Name = "Consultation de suivi", DurationMinutes = 45, MinimumNoticeMinutes = 1440, NewPatientsAllowed = false },
            new AppointmentType
            {
                Name = "Téléconsultation de suivi", DurationMinutes = 45, MinimumNoticeMinutes = 1440, BookingHorizonDays = 45,
                NewPatientsAllowed = false, Channel = AppointmentChannel.Video,
                PreparationInstructions = "S'installer seul dans une pièce fermée ; lien envoyé par e-mail la veille.",
            },
        ], new DemoPatientProfile(15, 85, [], DemoPatientProfile.MetropolitanMobiles));
    }

    private static DemoPractice CabinetDeLaSavane(Instant now)
    {
        var practice = new Practice
        {
            Name = "Cabinet médical de la Savane",
            GreetingText = "Cabinet médical de la Savane, {secretary} à votre écoute, bonjour.",
            Specialty = Specialty.General,
            TimeZoneId = MartiniqueZone,
            Address = "12 rue de la Liberté, 97200 Fort-de-France",
            AccessInstructions = "Face au jardin de la Savane. Parking payant de la Savane. Premier étage avec ascenseur.",
            RoutineNumber = Phone("+596 596 60 40 40"),
            UrgentNumber = Phone("+596 596 60 40 41"),
            AfterHoursPolicy = AfterHoursPolicy.ForwardToOnCall,
            AfterHoursForwardNumber = Phone("+596 696 45 12 34"),
            DocumentsToBring = ["Carte Vitale", "Attestation de mutuelle", "Carnet de santé pour les enfants"],
            MessageDelivery = new MessageDeliveryPreferences
            {
                ByEmail = true,
                UrgentBySms = true,
                UrgentAcknowledgementMinutes = 15,
                PracticeEmail = Email("cabinet.savane"),
            },
            OpeningHours =
            [
                .. Open(MondayToFriday, "07:30", "12:00"),
                .. Open(MondayToFriday, "14:30", "17:30"),
                .. Open([IsoDayOfWeek.Saturday], "08:00", "11:30"),
            ],
            Closures = [Week(Today(now, MartiniqueZone).PlusWeeks(11), "Congés du cabinet")],
            Playbook = Faq(
                ("Quels sont les horaires ?",
                    "Heure de Martinique : du lundi au vendredi de 7 h 30 à 12 h et de 14 h 30 à 17 h 30, le samedi de 8 h à 11 h 30. "
                    + "Fermé le lundi et le mardi gras pendant le carnaval."),
                ("Comment venir ?",
                    "Face au jardin de la Savane ; parking payant de la Savane ou bus, arrêt Pointe Simon."),
                ("Quels sont les tarifs ?",
                    "Médecins secteur 1 : consultation 30 € avec la majoration applicable dans les départements d'outre-mer ; tiers payant."),
                ("Que faire la nuit ou le week-end ?",
                    "L'appel est transféré au médecin de garde ; en cas d'urgence vitale, composer le 15."),
                ("Proposez-vous la téléconsultation ?",
                    "Oui, pour les patients suivis au cabinet, y compris depuis les communes du nord de l'île.")),
        };
        var marieSainte = Person("Dr Josiane Marie-Sainte", 20, "+596 696 20 47 81", "josiane.marie-sainte",
            "Suivi du diabète et de l'hypertension ; rappeler les patients dont l'HbA1c dépasse 8 %.");
        var belrose = Person("Dr Frédéric Belrose", 21, "+596 696 30 58 12", "frederic.belrose",
            "Visites à domicile le mercredi ; pas de rendez-vous le samedi.");
        return Assemble(Savane, practice, now, [marieSainte, belrose],
        [
            new AppointmentType { Name = "Consultation", DurationMinutes = 20, MinimumNoticeMinutes = 30, MaxPerDayPerPractitioner = 22 },
            new AppointmentType { Name = "Première consultation", DurationMinutes = 30, MinimumNoticeMinutes = 120, MaxPerDayPerPractitioner = 3 },
            new AppointmentType
            {
                Name = "Téléconsultation", DurationMinutes = 15, MinimumNoticeMinutes = 60, BookingHorizonDays = 30,
                NewPatientsAllowed = false, Channel = AppointmentChannel.Video,
            },
            new AppointmentType
            {
                Name = "Visite à domicile", DurationMinutes = 30, BufferBeforeMinutes = 20, BufferAfterMinutes = 20,
                MinimumNoticeMinutes = 240, BookingHorizonDays = 14, MaxPerDayPerPractitioner = 3, NewPatientsAllowed = false,
                Channel = AppointmentChannel.HomeVisit, AllowedPractitioners = [belrose.Id],
            },
        ], new DemoPatientProfile(0, 95, DemoNames.AntilleanLastNames, DemoPatientProfile.MartiniqueMobiles));
    }

    /// <summary>Links the children to the practice and stamps every entity with the seeding instant.</summary>
    private static DemoPractice Assemble(string key, Practice practice, Instant now, IReadOnlyList<Practitioner> practitioners,
        IReadOnlyList<AppointmentType> appointmentTypes, DemoPatientProfile patients)
    {
        practice.CreatedAt = now;
        foreach (var practitioner in practitioners)
        {
            practitioner.PracticeId = practice.Id;
            practitioner.Specialty = practice.Specialty;
            practitioner.CreatedAt = now;
        }
        foreach (var type in appointmentTypes)
        {
            type.PracticeId = practice.Id;
            type.CreatedAt = now;
        }
        practice.OpeningHours.ForEach(r => r.PracticeId = practice.Id);
        practice.Closures.ForEach(c => c.PracticeId = practice.Id);
        practice.Playbook.ForEach(e => e.PracticeId = practice.Id);
        return new DemoPractice(key, practice, practitioners, appointmentTypes, patients);
    }

    private static Practitioner Person(string displayName, int rppsSerial, string urgentMobile, string emailLocalPart, string preferences) => new()
    {
        DisplayName = displayName,
        Rpps = DemoRpps(rppsSerial),
        UrgentContactNumber = Phone(urgentMobile),
        Email = Email(emailLocalPart),
        Preferences = preferences,
    };

    /// <summary>
    /// A fictional RPPS number shaped like real ones: "10", then a serial in a block the registry has not reached
    /// (10 999 …), then a Luhn check digit.
    /// </summary>
    private static string DemoRpps(int serial)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"10999{serial:D5}");
        return body + LuhnCheckDigit(body).ToString(CultureInfo.InvariantCulture);
    }

    private static int LuhnCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - (sum % 10)) % 10;
    }

    /// <summary>The E.164 form of a demo number written as a person would; a typo in the catalogue is a bug, so it throws.</summary>
    private static string Phone(string text) =>
        PhoneNumber.TryParse(text)?.E164 ?? throw new InvalidOperationException($"Demo number '{text}' is not a valid phone number.");

    private static LocalDate Today(Instant now, string zoneId) => now.InZone(TimeZones.TryGet(zoneId)!).Date;

    private static IEnumerable<OpeningHoursRange> Open(IEnumerable<IsoDayOfWeek> days, string start, string end) =>
        days.Select(day => new OpeningHoursRange
        {
            Day = day,
            Start = InputParsing.TimePattern.Parse(start).Value,
            End = InputParsing.TimePattern.Parse(end).Value,
        });

    /// <summary>A closure from the Monday on or after <paramref name="around"/> to the Saturday of that week.</summary>
    private static PracticeClosure Week(LocalDate around, string reason)
    {
        var monday = around.DayOfWeek == IsoDayOfWeek.Monday ? around : around.Next(IsoDayOfWeek.Monday);
        return new PracticeClosure { FirstDay = monday, LastDay = monday.PlusDays(5), Reason = reason };
    }

    private static PracticeClosure Day(LocalDate day, string reason) => new() { FirstDay = day, LastDay = day, Reason = reason };

    private static List<PlaybookEntry> Faq(params (string Question, string Answer)[] entries) =>
        [.. entries.Select((entry, index) => new PlaybookEntry { Question = entry.Question, Answer = entry.Answer, Order = (index + 1) * 10 })];
}
