namespace SkinProgress.Rules;

/// <summary>The citations of docs/rules.md, one instance each, so every rule and sentence points at the same record.</summary>
public static class RuleSources
{
    public static readonly RuleSource Who2020Activity =
        new("WHO 2020 guidelines on physical activity (Bull et al., BJSM 2020, PMC7719906)", Grade.A);

    public static readonly RuleSource AcsmDonnelly2009 =
        new("ACSM position stand, Donnelly et al., MSSE 2009;41:459", Grade.A);

    public static readonly RuleSource AcsmGarber2011 =
        new("ACSM position stand, Garber et al., MSSE 2011;43:1334", Grade.A);

    public static readonly RuleSource Hudson2020 =
        new("Hudson et al., Adv Nutr 2020 (PMC7231581)", Grade.B);

    public static readonly RuleSource IssnJager2017 =
        new("ISSN position stand, Jäger et al. 2017", Grade.B);

    public static readonly RuleSource FariaBariatric2020 =
        new("Faria, Bariatric Times 2020 (bariatric protein floor)", Grade.B);

    public static readonly RuleSource ProteinOnReferenceWeight =
        new("Engineering default: protein g/kg computed on the weight at BMI 25 when BMI ≥ 30", Grade.Eng);

    public static readonly RuleSource Efsa2010Water =
        new("EFSA 2010;8(3):1459, dietary reference values for water", Grade.A);

    public static readonly RuleSource FluidsWhenSexUnspecified =
        new("Engineering default: 1.8 L/day when sex is unspecified", Grade.Eng);

    public static readonly RuleSource NicePh53 = new("NICE PH53", Grade.A);

    public static readonly RuleSource Nhlbi1998 = new("NHLBI 1998", Grade.A);

    public static readonly RuleSource Sardeli2018 =
        new("Sardeli et al., Nutrients 2018 (resistance training preserves lean mass in a deficit)", Grade.B);

    public static readonly RuleSource MyungPark2025 =
        new("Myung & Park, Am J Med 2025 (collagen: no effect in high-quality trials)", Grade.B);

    public static readonly RuleSource Giordano2013 =
        new("Giordano et al., JPRAS 2013;66:950 (n=360)", Grade.C);

    public static readonly RuleSource AgeRaise =
        new("Engineering default: age ≥ 50 with ΔBMI > 10 raises the loose-skin tier by one", Grade.Eng);

    public static readonly RuleSource Cintra2021 =
        new("Cintra et al. 2021 (more complications at older age)", Grade.C);

    public static readonly RuleSource MassiveWeightLossConvention =
        new("Plastic-surgery convention: massive weight loss = %EWL ≥ 50 % or loss ≥ 45 kg", Grade.D);

    public static readonly RuleSource KaurKlassen2018 =
        new("Kaur/Klassen et al., PRS 2018 (93 % report excess skin after bariatric surgery)", Grade.C);

    public static readonly RuleSource Pang2018 =
        new("Pang et al., Ann Plast Surg 2018 (time since loss does not improve laxity)", Grade.C);

    // The Pittsburgh scale is validated for clinicians only; our self-rating adaptation is not, hence ENG.
    public static readonly RuleSource PittsburghSelfRating =
        new("Song et al., PRS 2005;116:1535 (Pittsburgh Rating Scale), adapted for self-rating: unvalidated", Grade.Eng);

    public static readonly RuleSource NhsCellulitisSepsis = new("NHS cellulitis and sepsis guidance", Grade.A);

    public static readonly RuleSource NhsCellulitis = new("NHS cellulitis guidance", Grade.A);

    public static readonly RuleSource AnthemCgSurg99 = new("Anthem CG-SURG-99 (payer policy)", Grade.D);

    public static readonly RuleSource BaprasBodyContouring =
        new("BAPRAS body-contouring commissioning guide", Grade.A);

    public static readonly RuleSource FoldRashTwoWeeks =
        new("Engineering default: fold_rash in ≥ 2 of the last 12 weeks counts as recurrent", Grade.Eng);

    public static readonly RuleSource Giordano2015 =
        new("Giordano 2015 review, body contouring after weight loss", Grade.D);

    public static readonly RuleSource Coon2009 =
        new("Coon et al., Ann Surg 2009 (timing of body contouring)", Grade.D);

    public static readonly RuleSource Who2020Tobacco =
        new("WHO 2020, tobacco and surgery (quit ≥ 4 weeks before)", Grade.A);

    public static readonly RuleSource AspsBodyContouring =
        new("ASPS, body contouring after weight loss", Grade.D);

    public static readonly RuleSource Naghshineh2010 =
        new("Naghshineh et al., PRS 2010 (nutrition before body contouring)", Grade.C);
}
