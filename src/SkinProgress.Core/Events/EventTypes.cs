namespace SkinProgress.Events;

/// <summary>The vocabulary of docs/api.md (Events) and docs/rules.md (Skin self-check): event types and their enum values.</summary>
public static class EventTypes
{
    public const string Workout = "workout";
    public const string Meal = "meal";
    public const string Hydration = "hydration";
    public const string Weight = "weight";
    public const string SkinCheck = "skin_check";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Workout, Meal, Hydration, Weight, SkinCheck,
    };
}

public static class Activities
{
    public const string Running = "running";
    public const string Walking = "walking";
    public const string Cycling = "cycling";
    public const string Swimming = "swimming";
    public const string StrengthTraining = "strength_training";
    public const string Hiit = "hiit";
    public const string Rowing = "rowing";
    public const string Elliptical = "elliptical";
    public const string Yoga = "yoga";
    public const string Other = "other";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Running, Walking, Cycling, Swimming, StrengthTraining, Hiit, Rowing, Elliptical, Yoga, Other,
    };
}

public static class Intensities
{
    public const string Light = "light";
    public const string Moderate = "moderate";
    public const string Vigorous = "vigorous";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Light, Moderate, Vigorous,
    };
}

public static class SkinRegions
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "arms", "chest", "abdomen", "flanks", "back", "mons", "buttocks", "hips_lateral_thighs", "medial_thighs", "knees",
    };
}

public static class Symptoms
{
    public const string FoldRash = "fold_rash";
    public const string SkinInfection = "skin_infection";
    public const string Fever = "fever";
    public const string Ulcer = "ulcer";
    public const string HygieneDifficulty = "hygiene_difficulty";
    public const string MobilityLimitation = "mobility_limitation";
    public const string ChronicPain = "chronic_pain";
    public const string Distress = "distress";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        FoldRash, SkinInfection, Fever, Ulcer, HygieneDifficulty, MobilityLimitation, ChronicPain, Distress,
    };
}
