using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SkinProgress.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting a host; it never connects.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SkinProgressDbContext>
{
    public SkinProgressDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SkinProgressDbContext>().UseNpgsql("Host=localhost").Options);
}
