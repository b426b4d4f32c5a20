using System.ComponentModel.DataAnnotations;

namespace SkinProgress.Api.Auth;

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The first admin key, from configuration only (Admin__BootstrapKey). No default exists in code.</summary>
    [MinLength(36, ErrorMessage = "Admin:BootstrapKey must be a long random key starting with spa_.")]
    [RegularExpression("^spa_.*", ErrorMessage = "Admin:BootstrapKey must start with spa_.")]
    public string? BootstrapKey { get; set; }
}
