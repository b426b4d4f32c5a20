namespace SkinProgress.IntegrationTests.Deploy;

/// <summary>The compose file is checked with Debian's docker-compose, which validates without a Docker engine.</summary>
public sealed class ComposeFileTests
{
    [Fact]
    public async Task ComposeFile_IsValid_WithTheSecretsSet()
    {
        var (code, output) = await RunComposeConfigAsync(withSecrets: true);
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task ComposeFile_RefusesToStart_WithoutTheSecrets()
    {
        var (code, _) = await RunComposeConfigAsync(withSecrets: false);
        Assert.NotEqual(0, code);
    }

    [Theory]
    [InlineData("ConnectionStrings__Postgres")]
    [InlineData("RabbitMq__Host")]
    [InlineData("RabbitMq__Password")]
    [InlineData("Admin__BootstrapKey")]
    public void ComposeFile_UsesTheSameSettingNamesAsRunScript(string setting)
    {
        var compose = File.ReadAllText(Path.Combine(TestServices.RepositoryRoot, "docker-compose.yml"));
        var run = File.ReadAllText(Path.Combine(TestServices.RepositoryRoot, "run.sh"))
            + File.ReadAllText(Path.Combine(TestServices.RepositoryRoot, "scripts", "services.sh"));
        Assert.Contains(setting, compose, StringComparison.Ordinal);
        Assert.Contains(setting, run, StringComparison.Ordinal);
    }

    private static readonly string[] Secrets = ["SKINPROGRESS_DB_PASSWORD", "SKINPROGRESS_RABBIT_PASSWORD", "SKINPROGRESS_ADMIN_KEY"];

    private static Task<(int Code, string Output)> RunComposeConfigAsync(bool withSecrets)
    {
        // `env -u` clears any secret the caller's environment holds, so the refusal case really has none.
        var command = Secrets.SelectMany(name => new[] { "-u", name }).ToList();
        if (withSecrets)
        {
            command.AddRange(Secrets.Select(name => $"{name}=test-{name.ToLowerInvariant()}"));
        }

        command.AddRange(["docker-compose", "-f", Path.Combine(TestServices.RepositoryRoot, "docker-compose.yml"), "config", "-q"]);
        return TestServices.RunAsync("env", [.. command]);
    }
}
