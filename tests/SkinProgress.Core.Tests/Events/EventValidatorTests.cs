using System.Text.Json;
using System.Text.Json.Nodes;
using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Core.Tests.Events;

/// <summary>The ingest event contract of docs/api.md (section Events), checked against a fixed "now".</summary>
public sealed class EventValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    // ---- Helpers ----------------------------------------------------------------------------

    private static JsonObject Common(string type) => new()
    {
        ["id"] = "evt-1",
        ["type"] = type,
        ["occurredAt"] = "2026-05-01T07:30:00+02:00",
    };

    /// <summary>A minimal valid event of the type: only the required fields.</summary>
    private static JsonObject Valid(string type)
    {
        var e = Common(type);
        switch (type)
        {
            case EventTypes.Workout:
                e["activity"] = "running";
                e["durationMinutes"] = 30;
                break;
            case EventTypes.Meal:
                e["proteinGrams"] = 30;
                break;
            case EventTypes.Hydration:
                e["volumeMl"] = 250;
                break;
            case EventTypes.Weight:
                e["weightKg"] = 85.5;
                break;
            case EventTypes.SkinCheck:
                e["regions"] = new JsonObject { ["arms"] = 2 };
                e["symptoms"] = new JsonArray("fold_rash");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }

        return e;
    }

    private static JsonObject With(JsonObject e, string field, JsonNode? value)
    {
        e[field] = value;
        return e;
    }

    private static JsonObject Without(JsonObject e, string field)
    {
        e.Remove(field);
        return e;
    }

    private static EventValidation Validate(JsonNode node) => Validate(node.ToJsonString());

    private static EventValidation Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return EventValidator.Validate(document.RootElement, Now);
    }

    private static void AssertRejected(EventValidation result, params string[] fields)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Event);
        Assert.Equal(fields.Order(StringComparer.Ordinal), result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(result.Errors.Values, messages => Assert.NotEmpty(messages));
    }

    private static HealthEvent AssertAccepted(EventValidation result)
    {
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        Assert.Empty(result.Errors);
        return result.Event!;
    }

    private static double? ValueOf(HealthEvent e, string field) => field switch
    {
        "durationMinutes" => e.Workout!.DurationMinutes,
        "distanceKm" => e.Workout!.DistanceKm,
        "avgHeartRate" => e.Workout!.AvgHeartRate,
        "energyKcal" when e.Workout is not null => e.Workout.EnergyKcal,
        "energyKcal" => e.Meal!.EnergyKcal,
        "proteinGrams" => e.Meal!.ProteinGrams,
        "carbsGrams" => e.Meal!.CarbsGrams,
        "fatGrams" => e.Meal!.FatGrams,
        "vitaminCMg" => e.Meal!.VitaminCMg,
        "volumeMl" => e.Hydration!.VolumeMl,
        "weightKg" => e.Weight!.WeightKg,
        "bodyFatPercent" => e.Weight!.BodyFatPercent,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    // ---- One valid event of each type ------------------------------------------------------

    [Fact]
    public void Validate_ParsesWorkout_IntoWorkoutPartWithItsValues()
    {
        var json = With(With(With(With(Valid(EventTypes.Workout), "intensity", "moderate"), "distanceKm", 5.2), "energyKcal", 310.5), "avgHeartRate", 142);

        var result = Validate(json);

        var e = AssertAccepted(result);
        Assert.Equal("evt-1", result.Id);
        Assert.Equal("evt-1", e.Id);
        Assert.Equal(EventTypes.Workout, e.Type);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 7, 30, 0, TimeSpan.FromHours(2)), e.OccurredAt);
        Assert.Equal(new Workout(Activities.Running, 30, Intensities.Moderate, 5.2, 310.5, 142), e.Workout);
        Assert.Null(e.Meal);
        Assert.Null(e.Hydration);
        Assert.Null(e.Weight);
        Assert.Null(e.SkinCheck);
    }

    [Fact]
    public void Validate_ParsesWorkout_WithOnlyRequiredFields_LeavingOptionalsNull()
    {
        var e = AssertAccepted(Validate(Valid(EventTypes.Workout)));

        Assert.Equal(new Workout(Activities.Running, 30), e.Workout);
    }

    [Fact]
    public void Validate_ParsesMeal_IntoMealPartWithItsValues()
    {
        var json = Valid(EventTypes.Meal);
        json["energyKcal"] = 650;
        json["carbsGrams"] = 70.5;
        json["fatGrams"] = 20;
        json["vitaminCMg"] = 45;
        json["name"] = "Chicken and rice";

        var e = AssertAccepted(Validate(json));

        Assert.Equal(EventTypes.Meal, e.Type);
        Assert.Equal(new Meal(30, 650, 70.5, 20, 45, "Chicken and rice"), e.Meal);
        Assert.Null(e.Workout);
        Assert.Null(e.Hydration);
        Assert.Null(e.Weight);
        Assert.Null(e.SkinCheck);
    }

    [Fact]
    public void Validate_ParsesHydration_IntoHydrationPartWithItsVolume()
    {
        var e = AssertAccepted(Validate(Valid(EventTypes.Hydration)));

        Assert.Equal(EventTypes.Hydration, e.Type);
        Assert.Equal(new Hydration(250), e.Hydration);
        Assert.Null(e.Workout);
        Assert.Null(e.Meal);
        Assert.Null(e.Weight);
        Assert.Null(e.SkinCheck);
    }

    [Fact]
    public void Validate_ParsesWeight_IntoWeightPartWithItsValues()
    {
        var e = AssertAccepted(Validate(With(Valid(EventTypes.Weight), "bodyFatPercent", 31.2)));

        Assert.Equal(EventTypes.Weight, e.Type);
        Assert.Equal(new Weight(85.5, 31.2), e.Weight);
        Assert.Null(e.Workout);
        Assert.Null(e.Meal);
        Assert.Null(e.Hydration);
        Assert.Null(e.SkinCheck);
    }

    [Fact]
    public void Validate_ParsesSkinCheck_IntoSkinCheckPartWithRegionsAndSymptoms()
    {
        var json = Valid(EventTypes.SkinCheck);
        json["regions"] = new JsonObject { ["abdomen"] = 3, ["arms"] = 2, ["knees"] = 0 };
        json["symptoms"] = new JsonArray("fold_rash", "distress");

        var e = AssertAccepted(Validate(json));

        Assert.Equal(EventTypes.SkinCheck, e.Type);
        var check = e.SkinCheck!;
        Assert.Equal(
            new Dictionary<string, int> { ["abdomen"] = 3, ["arms"] = 2, ["knees"] = 0 },
            check.Regions.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal));
        Assert.Equal(new[] { "distress", "fold_rash" }, check.Symptoms.Order(StringComparer.Ordinal));
        Assert.Null(e.Workout);
        Assert.Null(e.Meal);
        Assert.Null(e.Hydration);
        Assert.Null(e.Weight);
    }

    [Fact]
    public void Validate_RoundsAverageHeartRate_ToWholeBeats()
    {
        var e = AssertAccepted(Validate(With(Valid(EventTypes.Workout), "avgHeartRate", 142.4)));

        Assert.Equal(142, e.Workout!.AvgHeartRate);
    }

    // ---- Ranges ----------------------------------------------------------------------------

    [Theory]
    // workout: durationMinutes 0 < x <= 1440
    [InlineData(EventTypes.Workout, "durationMinutes", 0, false)]
    [InlineData(EventTypes.Workout, "durationMinutes", -1, false)]
    [InlineData(EventTypes.Workout, "durationMinutes", 0.1, true)]
    [InlineData(EventTypes.Workout, "durationMinutes", 1440, true)]
    [InlineData(EventTypes.Workout, "durationMinutes", 1440.1, false)]
    // workout: distanceKm 0-1000
    [InlineData(EventTypes.Workout, "distanceKm", -0.1, false)]
    [InlineData(EventTypes.Workout, "distanceKm", 0, true)]
    [InlineData(EventTypes.Workout, "distanceKm", 1000, true)]
    [InlineData(EventTypes.Workout, "distanceKm", 1000.1, false)]
    // workout: energyKcal 0-20000
    [InlineData(EventTypes.Workout, "energyKcal", -0.1, false)]
    [InlineData(EventTypes.Workout, "energyKcal", 0, true)]
    [InlineData(EventTypes.Workout, "energyKcal", 20000, true)]
    [InlineData(EventTypes.Workout, "energyKcal", 20000.1, false)]
    // workout: avgHeartRate 20-250
    [InlineData(EventTypes.Workout, "avgHeartRate", 19.9, false)]
    [InlineData(EventTypes.Workout, "avgHeartRate", 20, true)]
    [InlineData(EventTypes.Workout, "avgHeartRate", 250, true)]
    [InlineData(EventTypes.Workout, "avgHeartRate", 250.1, false)]
    // meal: proteinGrams 0-500
    [InlineData(EventTypes.Meal, "proteinGrams", -0.1, false)]
    [InlineData(EventTypes.Meal, "proteinGrams", 0, true)]
    [InlineData(EventTypes.Meal, "proteinGrams", 500, true)]
    [InlineData(EventTypes.Meal, "proteinGrams", 500.1, false)]
    // meal: energyKcal 0-20000
    [InlineData(EventTypes.Meal, "energyKcal", -0.1, false)]
    [InlineData(EventTypes.Meal, "energyKcal", 0, true)]
    [InlineData(EventTypes.Meal, "energyKcal", 20000, true)]
    [InlineData(EventTypes.Meal, "energyKcal", 20000.1, false)]
    // meal: carbsGrams, fatGrams 0-2000; vitaminCMg 0-10000
    [InlineData(EventTypes.Meal, "carbsGrams", -0.1, false)]
    [InlineData(EventTypes.Meal, "carbsGrams", 2000, true)]
    [InlineData(EventTypes.Meal, "carbsGrams", 2000.1, false)]
    [InlineData(EventTypes.Meal, "fatGrams", -0.1, false)]
    [InlineData(EventTypes.Meal, "fatGrams", 2000, true)]
    [InlineData(EventTypes.Meal, "fatGrams", 2000.1, false)]
    [InlineData(EventTypes.Meal, "vitaminCMg", -0.1, false)]
    [InlineData(EventTypes.Meal, "vitaminCMg", 10000, true)]
    [InlineData(EventTypes.Meal, "vitaminCMg", 10000.1, false)]
    // hydration: volumeMl 0 < x <= 5000
    [InlineData(EventTypes.Hydration, "volumeMl", 0, false)]
    [InlineData(EventTypes.Hydration, "volumeMl", 0.1, true)]
    [InlineData(EventTypes.Hydration, "volumeMl", 5000, true)]
    [InlineData(EventTypes.Hydration, "volumeMl", 5000.1, false)]
    // weight: weightKg 20-400
    [InlineData(EventTypes.Weight, "weightKg", 19.9, false)]
    [InlineData(EventTypes.Weight, "weightKg", 20, true)]
    [InlineData(EventTypes.Weight, "weightKg", 400, true)]
    [InlineData(EventTypes.Weight, "weightKg", 400.1, false)]
    // weight: bodyFatPercent 1-75
    [InlineData(EventTypes.Weight, "bodyFatPercent", 0.9, false)]
    [InlineData(EventTypes.Weight, "bodyFatPercent", 1, true)]
    [InlineData(EventTypes.Weight, "bodyFatPercent", 75, true)]
    [InlineData(EventTypes.Weight, "bodyFatPercent", 75.1, false)]
    public void Validate_AcceptsRangeBoundary_AndRejectsJustOutside(string type, string field, double value, bool accepted)
    {
        var result = Validate(With(Valid(type), field, value));

        if (accepted)
        {
            var e = AssertAccepted(result);
            Assert.Equal(value, ValueOf(e, field));
        }
        else
        {
            AssertRejected(result, field);
        }
    }

    [Theory]
    [InlineData(EventTypes.Workout, "activity")]
    [InlineData(EventTypes.Workout, "durationMinutes")]
    [InlineData(EventTypes.Meal, "proteinGrams")]
    [InlineData(EventTypes.Hydration, "volumeMl")]
    [InlineData(EventTypes.Weight, "weightKg")]
    public void Validate_RejectsEvent_WithoutRequiredTypeField(string type, string field)
    {
        AssertRejected(Validate(Without(Valid(type), field)), field);
    }

    [Fact]
    public void Validate_TreatsNullOptionalField_AsAbsent()
    {
        var e = AssertAccepted(Validate(With(With(Valid(EventTypes.Workout), "intensity", null), "distanceKm", null)));

        Assert.Null(e.Workout!.Intensity);
        Assert.Null(e.Workout.DistanceKm);
    }

    [Fact]
    public void Validate_AcceptsMealName_Of200Chars_AndRejects201()
    {
        var ok = AssertAccepted(Validate(With(Valid(EventTypes.Meal), "name", new string('n', 200))));
        Assert.Equal(200, ok.Meal!.Name!.Length);

        AssertRejected(Validate(With(Valid(EventTypes.Meal), "name", new string('n', 201))), "name");
    }

    // ---- id ----------------------------------------------------------------------------------

    [Fact]
    public void Validate_RejectsId_WhenMissing()
    {
        var result = Validate(Without(Valid(EventTypes.Hydration), "id"));

        AssertRejected(result, "id");
        Assert.Null(result.Id);
    }

    [Fact]
    public void Validate_RejectsId_WhenEmpty()
    {
        AssertRejected(Validate(With(Valid(EventTypes.Hydration), "id", "")), "id");
    }

    [Fact]
    public void Validate_AcceptsId_Of128Chars()
    {
        var id = new string('a', 128);

        var result = Validate(With(Valid(EventTypes.Hydration), "id", id));

        Assert.Equal(id, AssertAccepted(result).Id);
        Assert.Equal(id, result.Id);
    }

    [Fact]
    public void Validate_RejectsId_Of129Chars()
    {
        AssertRejected(Validate(With(Valid(EventTypes.Hydration), "id", new string('a', 129))), "id");
    }

    [Fact]
    public void Validate_ReturnsId_WhenOtherFieldsAreInvalid()
    {
        var result = Validate(With(Valid(EventTypes.Hydration), "volumeMl", 0));

        AssertRejected(result, "volumeMl");
        Assert.Equal("evt-1", result.Id);
    }

    // ---- occurredAt --------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-05-01T07:30:00")]
    [InlineData("2026-05-01T07:30:00.000")]
    [InlineData("2026-05-01T07:30")]
    [InlineData("2026-05-01")]
    public void Validate_RejectsTime_WithoutOffset(string occurredAt)
    {
        AssertRejected(Validate(With(Valid(EventTypes.Hydration), "occurredAt", occurredAt)), "occurredAt");
    }

    [Fact]
    public void Validate_RejectsTime_WhenMissing()
    {
        AssertRejected(Validate(Without(Valid(EventTypes.Hydration), "occurredAt")), "occurredAt");
    }

    [Theory]
    [InlineData("yesterday Z")]
    [InlineData("2026-13-01T07:30:00Z")]
    [InlineData("2026-05-01T25:30:00+02:00")]
    public void Validate_RejectsTime_ThatIsNotATime(string occurredAt)
    {
        AssertRejected(Validate(With(Valid(EventTypes.Hydration), "occurredAt", occurredAt)), "occurredAt");
    }

    [Fact]
    public void Validate_AcceptsTime_InUtcWithZ()
    {
        var e = AssertAccepted(Validate(With(Valid(EventTypes.Hydration), "occurredAt", "2026-05-01T07:30:00Z")));

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 7, 30, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
    }

    [Fact]
    public void Validate_AcceptsTime_WithPositiveOffset_KeepingTheOffset()
    {
        var e = AssertAccepted(Validate(With(Valid(EventTypes.Hydration), "occurredAt", "2026-05-01T07:30:00+02:00")));

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 5, 30, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(TimeSpan.FromHours(2), e.OccurredAt.Offset);
    }

    [Fact]
    public void Validate_AcceptsTime_WithNegativeOffset()
    {
        var e = AssertAccepted(Validate(With(Valid(EventTypes.Hydration), "occurredAt", "2026-04-30T23:30:00-08:00")));

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 7, 30, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(TimeSpan.FromHours(-8), e.OccurredAt.Offset);
    }

    [Theory]
    [InlineData("2026-05-02T12:00:00Z")]
    [InlineData("2026-05-02T14:00:00+02:00")]
    [InlineData("2026-05-02T04:00:00-08:00")]
    public void Validate_AcceptsTime_ExactlyTwentyFourHoursAfterNow(string occurredAt)
    {
        var e = AssertAccepted(Validate(With(Valid(EventTypes.Hydration), "occurredAt", occurredAt)));

        Assert.Equal(Now.AddHours(24), e.OccurredAt);
    }

    [Theory]
    [InlineData("2026-05-02T12:00:01Z")]
    [InlineData("2026-05-02T14:00:01+02:00")]
    public void Validate_RejectsTime_OneSecondMoreThanTwentyFourHoursAfterNow(string occurredAt)
    {
        AssertRejected(Validate(With(Valid(EventTypes.Hydration), "occurredAt", occurredAt)), "occurredAt");
    }

    [Fact]
    public void Validate_AcceptsTime_InThePast()
    {
        AssertAccepted(Validate(With(Valid(EventTypes.Hydration), "occurredAt", "2010-06-15T08:00:00Z")));
    }

    [Fact]
    public void Validate_AcceptsTime_AtStartOf2000()
    {
        var e = AssertAccepted(Validate(With(Valid(EventTypes.Hydration), "occurredAt", "2000-01-01T00:00:00Z")));

        Assert.Equal(EventLimits.Earliest, e.OccurredAt);
    }

    [Fact]
    public void Validate_RejectsTime_OneSecondBefore2000()
    {
        AssertRejected(Validate(With(Valid(EventTypes.Hydration), "occurredAt", "1999-12-31T23:59:59Z")), "occurredAt");
    }

    // ---- Vocabulary --------------------------------------------------------------------------

    [Theory]
    [InlineData("sleep")]
    [InlineData("Workout")]
    [InlineData("")]
    public void Validate_RejectsUnknownType(string type)
    {
        var json = Valid(EventTypes.Hydration);
        json["type"] = type;

        AssertRejected(Validate(json), "type");
    }

    [Fact]
    public void Validate_RejectsEvent_WithoutType()
    {
        AssertRejected(Validate(Without(Valid(EventTypes.Hydration), "type")), "type");
    }

    [Theory]
    [InlineData("running")]
    [InlineData("walking")]
    [InlineData("cycling")]
    [InlineData("swimming")]
    [InlineData("strength_training")]
    [InlineData("hiit")]
    [InlineData("rowing")]
    [InlineData("elliptical")]
    [InlineData("yoga")]
    [InlineData("other")]
    public void Validate_AcceptsEveryActivity_OfApi(string activity)
    {
        var e = AssertAccepted(Validate(With(Valid(EventTypes.Workout), "activity", activity)));

        Assert.Equal(activity, e.Workout!.Activity);
    }

    [Theory]
    [InlineData("skiing")]
    [InlineData("Running")]
    [InlineData("")]
    public void Validate_RejectsUnknownActivity(string activity)
    {
        AssertRejected(Validate(With(Valid(EventTypes.Workout), "activity", activity)), "activity");
    }

    [Theory]
    [InlineData("light")]
    [InlineData("moderate")]
    [InlineData("vigorous")]
    public void Validate_AcceptsEveryIntensity_OfApi(string intensity)
    {
        var e = AssertAccepted(Validate(With(Valid(EventTypes.Workout), "intensity", intensity)));

        Assert.Equal(intensity, e.Workout!.Intensity);
    }

    [Theory]
    [InlineData("extreme")]
    [InlineData("Vigorous")]
    [InlineData("")]
    public void Validate_RejectsUnknownIntensity(string intensity)
    {
        AssertRejected(Validate(With(Valid(EventTypes.Workout), "intensity", intensity)), "intensity");
    }

    [Fact]
    public void Validate_IgnoresUnknownFields()
    {
        var json = Valid(EventTypes.Weight);
        json["deviceModel"] = "Scale 3000";
        json["nested"] = new JsonObject { ["a"] = new JsonArray(1, 2, 3) };
        json["volumeMl"] = -5; // a field of another type is unknown to a weight event
        json["WeightKg"] = 1; // names are case-sensitive: this is an unknown field too

        var e = AssertAccepted(Validate(json));

        Assert.Equal(new Weight(85.5), e.Weight);
        Assert.Null(e.Hydration);
    }

    // ---- JSON kinds --------------------------------------------------------------------------

    [Theory]
    [InlineData(EventTypes.Workout, "durationMinutes", "\"30\"")]
    [InlineData(EventTypes.Workout, "durationMinutes", "true")]
    [InlineData(EventTypes.Workout, "avgHeartRate", "\"140\"")]
    [InlineData(EventTypes.Workout, "activity", "1")]
    [InlineData(EventTypes.Workout, "intensity", "[\"vigorous\"]")]
    [InlineData(EventTypes.Meal, "proteinGrams", "\"30\"")]
    [InlineData(EventTypes.Meal, "name", "{}")]
    [InlineData(EventTypes.Hydration, "volumeMl", "[250]")]
    [InlineData(EventTypes.Weight, "weightKg", "{\"value\":85}")]
    [InlineData(EventTypes.Hydration, "id", "42")]
    [InlineData(EventTypes.Hydration, "type", "{}")]
    [InlineData(EventTypes.Hydration, "occurredAt", "1777620600")]
    [InlineData(EventTypes.SkinCheck, "regions", "[]")]
    [InlineData(EventTypes.SkinCheck, "regions", "\"arms\"")]
    [InlineData(EventTypes.SkinCheck, "symptoms", "{}")]
    [InlineData(EventTypes.SkinCheck, "symptoms", "\"fever\"")]
    public void Validate_RejectsWrongJsonKind_NamingTheField(string type, string field, string rawValue)
    {
        AssertRejected(Validate(With(Valid(type), field, JsonNode.Parse(rawValue))), field);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"id\":\"a\",\"type\":\"hydration\",\"occurredAt\":\"2026-05-01T07:30:00Z\",\"volumeMl\":250}]")]
    [InlineData("\"hydration\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void Validate_RejectsNonObjectEvent(string json)
    {
        var result = Validate(json);

        Assert.False(result.IsValid);
        Assert.Null(result.Event);
        Assert.Null(result.Id);
        Assert.NotEmpty(result.Errors);
    }

    // ---- Many errors at once -----------------------------------------------------------------

    [Fact]
    public void Validate_ReportsEveryError_InOneEvent()
    {
        var json = new JsonObject
        {
            ["type"] = "workout",
            ["occurredAt"] = "2026-05-01T07:30:00",
            ["activity"] = "skiing",
            ["durationMinutes"] = 0,
            ["intensity"] = "extreme",
            ["distanceKm"] = "5",
            ["avgHeartRate"] = 300,
            ["energyKcal"] = -1,
        };

        var result = Validate(json);

        AssertRejected(result, "id", "occurredAt", "activity", "durationMinutes", "intensity", "distanceKm", "avgHeartRate", "energyKcal");
    }

    [Fact]
    public void Validate_ReportsCommonAndTypeErrors_Together()
    {
        var json = With(With(Valid(EventTypes.Meal), "id", ""), "occurredAt", "1999-12-31T23:59:59Z");
        json["proteinGrams"] = 501;
        json["vitaminCMg"] = -1;

        AssertRejected(Validate(json), "id", "occurredAt", "proteinGrams", "vitaminCMg");
    }

    [Fact]
    public void Validate_ReportsEverySkinCheckError_InOneEvent()
    {
        var json = Valid(EventTypes.SkinCheck);
        json["regions"] = new JsonObject { ["arms"] = 4, ["elbows"] = 1, ["chest"] = 1 };
        json["symptoms"] = new JsonArray("fever", "sneezing");

        AssertRejected(Validate(json), "regions.arms", "regions.elbows", "symptoms");
    }

    // ---- skin_check --------------------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Validate_AcceptsRegionGrade_FromZeroToThree(int grade)
    {
        var json = With(Valid(EventTypes.SkinCheck), "regions", new JsonObject { ["abdomen"] = grade });

        var e = AssertAccepted(Validate(json));

        Assert.Equal(grade, e.SkinCheck!.Regions["abdomen"]);
    }

    [Theory]
    [InlineData("arms")]
    [InlineData("chest")]
    [InlineData("abdomen")]
    [InlineData("flanks")]
    [InlineData("back")]
    [InlineData("mons")]
    [InlineData("buttocks")]
    [InlineData("hips_lateral_thighs")]
    [InlineData("medial_thighs")]
    [InlineData("knees")]
    public void Validate_AcceptsEveryRegion_OfRules(string region)
    {
        var json = With(Valid(EventTypes.SkinCheck), "regions", new JsonObject { [region] = 1 });

        var e = AssertAccepted(Validate(json));

        Assert.Equal(1, e.SkinCheck!.Regions[region]);
    }

    [Theory]
    [InlineData("elbows")]
    [InlineData("Arms")]
    [InlineData("")]
    public void Validate_RejectsUnknownRegion(string region)
    {
        var json = With(Valid(EventTypes.SkinCheck), "regions", new JsonObject { [region] = 1 });

        AssertRejected(Validate(json), $"regions.{region}");
    }

    [Theory]
    [InlineData("4")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"2\"")]
    [InlineData("null")]
    public void Validate_RejectsRegionGrade_OutsideZeroToThree(string rawGrade)
    {
        var json = With(Valid(EventTypes.SkinCheck), "regions", new JsonObject { ["arms"] = JsonNode.Parse(rawGrade) });

        AssertRejected(Validate(json), "regions.arms");
    }

    [Theory]
    [InlineData("fold_rash")]
    [InlineData("skin_infection")]
    [InlineData("fever")]
    [InlineData("ulcer")]
    [InlineData("hygiene_difficulty")]
    [InlineData("mobility_limitation")]
    [InlineData("chronic_pain")]
    [InlineData("distress")]
    public void Validate_AcceptsEverySymptom_OfRules(string symptom)
    {
        var json = With(Valid(EventTypes.SkinCheck), "symptoms", new JsonArray(symptom));

        var e = AssertAccepted(Validate(json));

        Assert.Equal(new[] { symptom }, e.SkinCheck!.Symptoms);
    }

    [Theory]
    [InlineData("\"sneezing\"")]
    [InlineData("\"Fever\"")]
    [InlineData("\"\"")]
    [InlineData("3")]
    [InlineData("null")]
    [InlineData("[\"fever\"]")]
    public void Validate_RejectsUnknownSymptom(string rawSymptom)
    {
        var json = With(Valid(EventTypes.SkinCheck), "symptoms", new JsonArray(JsonNode.Parse("\"fever\""), JsonNode.Parse(rawSymptom)));

        AssertRejected(Validate(json), "symptoms");
    }

    [Fact]
    public void Validate_AcceptsSkinCheck_WithEmptyRegionsAndSymptoms()
    {
        var json = With(With(Valid(EventTypes.SkinCheck), "regions", new JsonObject()), "symptoms", new JsonArray());

        var e = AssertAccepted(Validate(json));

        Assert.Empty(e.SkinCheck!.Regions);
        Assert.Empty(e.SkinCheck.Symptoms);
    }
    // ---- Text that no store can hold -----------------------------------------------------------

    [Fact]
    public void Validate_RejectsId_WithNul()
    {
        AssertRejected(Validate(With(Valid(EventTypes.Hydration), "id", "run\u0000one")), "id");
    }

    [Fact]
    public void Validate_RejectsMealName_WithNul()
    {
        AssertRejected(Validate(With(Valid(EventTypes.Meal), "name", "lunch\u0000")), "name");
    }

    [Fact]
    public void Validate_RejectsEvent_WhoseStringHoldsALoneSurrogateEscape()
    {
        var json = "{\"id\":\"a\",\"type\":\"meal\",\"occurredAt\":\"2026-05-01T07:30:00Z\",\"proteinGrams\":20,\"name\":\"\\ud800\"}";

        var result = Validate(json);

        Assert.False(result.IsValid);
        Assert.Contains("", result.Errors.Keys);
    }

    // ---- Only ISO 8601 is a time -----------------------------------------------------------------

    [Theory]
    [InlineData("Mon, 30 Nov 2026 10:00:00 +00:00")]
    [InlineData("30/04/2026 10:00:00 +00:00")]
    [InlineData("2026-04-30 10:00:00 +00:00")]
    [InlineData("2026-04-30T10:00:00 +00:00")]
    [InlineData("2026-04-30T10:00:00+0000")]
    public void Validate_RejectsTime_ThatIsNotIso8601(string occurredAt)
    {
        AssertRejected(Validate(With(Valid(EventTypes.Hydration), "occurredAt", occurredAt)), "occurredAt");
    }

    // ---- Typed events: the same rules for files, providers and the Worker -------------------------

    [Fact]
    public void Validate_RejectsTypedEvent_WhosePartDoesNotMatchItsType()
    {
        var e = new HealthEvent("a", EventTypes.Meal, Now, Hydration: new Hydration(250));

        AssertRejected(EventValidator.Validate(e, Now), "type");
    }

    [Fact]
    public void Validate_RejectsTypedEvent_WithNaN()
    {
        var e = new HealthEvent("a", EventTypes.Weight, Now, Weight: new Weight(double.NaN));

        AssertRejected(EventValidator.Validate(e, Now), "weightKg");
    }
}
