using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Data.Connections;
using SkinProgress.Data.Days;
using SkinProgress.Data.Events;
using SkinProgress.Data.Summaries;
using SkinProgress.Data.Users;

namespace SkinProgress.Data;

public sealed class SkinProgressDbContext(DbContextOptions<SkinProgressDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<RawEvent> RawEvents => Set<RawEvent>();
    public DbSet<DailyTotalRow> DailyTotals => Set<DailyTotalRow>();
    public DbSet<WeeklySummaryRow> WeeklySummaries => Set<WeeklySummaryRow>();
    public DbSet<RateBudgetRow> RateBudgets => Set<RateBudgetRow>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Connection> Connections => Set<Connection>();
    public DbSet<ConnectLink> ConnectLinks => Set<ConnectLink>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<User>(e =>
        {
            e.ToTable("users");
            e.HasIndex(u => u.Email).IsUnique();
            e.Property(u => u.Email).HasMaxLength(320);
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.Sex).HasMaxLength(16);
            e.Property(u => u.TimeZone).HasMaxLength(64);
            e.Property(u => u.WeekStart).HasConversion<string>().HasMaxLength(16);
            e.Property(u => u.UnsubscribeToken).HasMaxLength(64);
            e.HasIndex(u => u.UnsubscribeToken).IsUnique();
            e.Property(u => u.SourcePriorities).HasColumnType("jsonb");
        });

        modelBuilder.Entity<Device>(e =>
        {
            e.ToTable("devices");
            e.Property(d => d.Name).HasMaxLength(200);
            e.Property(d => d.Source).HasMaxLength(64);
            e.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.Property(k => k.Kind).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(k => k.Hash).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Device>().WithMany().HasForeignKey(k => k.DeviceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.ApplyConfiguration(new RawEventConfiguration());

        modelBuilder.Entity<DailyTotalRow>(e =>
        {
            e.ToTable("daily_totals");
            e.HasKey(d => new { d.UserId, d.LocalDate });
            e.Property(d => d.WorkoutMinutes).HasColumnType("jsonb");
            e.Property(d => d.Explanation).HasColumnType("jsonb");
            e.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<WeeklySummaryRow>(e =>
        {
            e.ToTable("weekly_summaries");
            e.HasKey(w => new { w.UserId, w.WeekStart });
            e.Property(w => w.Summary).HasColumnType("jsonb");
            e.Property(w => w.SendFailure).HasMaxLength(WeeklySummaryRow.SendFailureMaxLength);
            // Admins list the failures; they are few among many summaries, so only they are indexed.
            e.HasIndex(w => w.SendFailedAt).HasFilter("send_failed_at is not null");
            e.HasOne<User>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        // Counted with hand-written upserts (PostgresRateBudget): one row per provider and window name.
        modelBuilder.Entity<RateBudgetRow>(e =>
        {
            e.ToTable("rate_budgets");
            e.HasKey(r => new { r.Provider, r.WindowName });
            e.Property(r => r.Provider).HasMaxLength(64);
            e.Property(r => r.WindowName).HasMaxLength(32);
        });

        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));

        modelBuilder.Entity<Connection>(e =>
        {
            e.ToTable("connections");
            e.Property(c => c.Provider).HasMaxLength(32);
            e.Property(c => c.OwnerId).HasMaxLength(128);
            e.Property(c => c.State).HasMaxLength(ConnectionStates.MaxLength);
            // Connecting again re-activates the one row, so its device (and the source of its events) stays the same.
            e.HasIndex(c => new { c.UserId, c.Provider }).IsUnique();
            // A webhook names the owner: it must lead to one live connection.
            e.HasIndex(c => new { c.Provider, c.OwnerId }).IsUnique().HasFilter("removed_at is null");
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Device>().WithMany().HasForeignKey(c => c.DeviceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ConnectLink>(e =>
        {
            e.ToTable("connect_links");
            e.HasIndex(l => l.Hash).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        // Column names follow PostgreSQL's convention so hand-written SQL on the hot path reads naturally.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
