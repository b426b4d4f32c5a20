using static SkinProgress.Rules.RuleSources;

namespace SkinProgress.Rules;

/// <summary>
/// Every sentence the rules put in front of a user, with its sources. Informational, never diagnostic:
/// no line promises tightening, says waiting tightens skin, or says anyone is or is not eligible for surgery.
/// </summary>
public static class RulesCopy
{
    // Product policy rather than evidence, so no source.
    public static readonly CopyLine NotMedicalAdvice = new(
        "SkinProgress gives general information, not medical advice or a diagnosis; talk to a health professional about your own situation.",
        []);

    public static readonly CopyLine RunningDoesNotTightenSkin = new(
        "Running and other aerobic exercise are good for your heart and your weight, but they do not tighten skin by themselves.",
        [Who2020Activity]);

    public static readonly CopyLine StrengthPreservesLeanMass = new(
        "Strength training helps you keep muscle while you lose weight and may fill out loose areas; its effect on skin itself is not proven.",
        [Sardeli2018]);

    public static readonly CopyLine CollagenNeutral = new(
        "Collagen supplements showed no effect on skin in high-quality trials.",
        [MyungPark2025]);

    // The stance of docs/rules.md; the muscle half rests on the same evidence as strength training.
    public static readonly CopyLine SlowerLossKeepsMuscle = new(
        "Losing weight more slowly helps keep muscle; it may not prevent loose skin.",
        [Sardeli2018]);

    public static readonly CopyLine FluidsForGeneralHealth = new(
        "Drinking enough supports general health; there is no evidence that water tightens skin.",
        [Efsa2010Water]);

    public static readonly CopyLine FasterThanGuidelinePace = new(
        "You are losing weight faster than guideline pace; consider medical supervision.",
        [NicePh53, Nhlbi1998]);

    public static readonly CopyLine ExcessSkinExpectedAfterBariatricSurgery = new(
        "Excess skin after bariatric surgery is expected (most people report it); it is not a failure.",
        [KaurKlassen2018]);

    public static readonly CopyLine SelfRatingIsUnvalidated = new(
        "Your skin self-ratings are adapted from a scale clinicians use; self-rating has not been validated, so a professional should assess them.",
        [PittsburghSelfRating]);

    public static readonly CopyLine SeekUrgentCare = new(
        "Seek urgent or emergency care now: fever with red, hot or painful skin can be a sign of sepsis.",
        [NhsCellulitisSepsis]);

    public static readonly CopyLine SeeGpToday = new(
        "See a GP today: red, hot, painful or swollen skin can be cellulitis, which needs prompt treatment.",
        [NhsCellulitis]);

    public static readonly CopyLine EmergencySafetyNet = new(
        "If you develop a fever, feel confused, or your heartbeat or breathing is fast, seek emergency care.",
        [NhsCellulitisSepsis]);

    public static readonly CopyLine FunctionalProblemReferral = new(
        "See a GP or a plastic surgeon about this: it is a functional problem, not a cosmetic one.",
        [AnthemCgSurg99, BaprasBodyContouring]);

    public static readonly CopyLine FunctionalProblemAnyStability = new(
        "This applies whatever your weight-stability status: you do not need to wait for your weight to settle to have it checked.",
        [AnthemCgSurg99, BaprasBodyContouring]);

    public static readonly CopyLine ReadyToBookConsultation = new(
        "You may be ready to book a consultation with a plastic surgeon, who will assess what is suitable for you.",
        [BaprasBodyContouring, Giordano2015]);

    public static readonly CopyLine StabilityCriteria = new(
        "For reference, UK criteria ask for 12 months of stable weight and a BMI of 28 or less; US practice usually asks for 3–6 months of stable weight.",
        [BaprasBodyContouring, Coon2009]);

    public static readonly CopyLine FurtherLossAboveBmi32 = new(
        "With a BMI above 32, surgeons may advise further weight loss first.",
        [BaprasBodyContouring, Giordano2015]);

    public static readonly CopyLine QuitSmokingBeforeSurgery = new(
        "If you smoke, quitting at least 4 weeks before any surgery is required; your GP or a stop-smoking service can help.",
        [Who2020Tobacco]);

    public static readonly CopyLine DermatologistCanAssess = new(
        "A dermatologist can assess mild skin laxity.",
        [AspsBodyContouring]);

    public static readonly CopyLine NonInvasiveOptions = new(
        "Non-invasive treatments (radiofrequency, ultrasound, laser) can help mild laxity and need repeat sessions; "
        + "surgery is the only definitive option for laxity after massive weight loss.",
        [AspsBodyContouring]);

    public static readonly CopyLine InformationalConsultation = new(
        "A consultation for information is fine at any time; surgery is usually deferred until weight has been stable for 3–12 months.",
        [AspsBodyContouring]);

    public static readonly CopyLine WaitingDoesNotTighten = new(
        "Waiting does not tighten loose skin after large weight loss; surgeons wait for a stable weight, not for the skin to change.",
        [Pang2018]);

    public static readonly CopyLine AskDietitian = new(
        "Ask a dietitian to review your protein intake before any surgery consultation.",
        [Naghshineh2010]);

    public static readonly CopyLine TalkToGpAboutWellbeing = new(
        "Consider talking to a GP about how you feel: significant distress about appearance or low mood matters, and BAPRAS counts psychological problems as significant.",
        [BaprasBodyContouring]);
}
