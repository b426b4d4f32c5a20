using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkinProgress.Events;

namespace SkinProgress.Data.Events;

/// <summary>
/// <c>raw_events</c> (the name is kept: it is still every event as its source sent it, and the Api, the summaries and the
/// benchmark already name it).
/// <para>
/// No foreign key to <c>users</c>: every write of a user's events holds that user's advisory lock
/// (<see cref="Users.UserStatements.LockAsync"/>) and first reads the user under it, and erasure takes the same lock
/// and deletes the user's events itself (<see cref="Users.UserStatements.EraseAsync"/>). So an event of an erased user
/// cannot be written, and the key would only add a lookup of <c>users</c> and a row lock on the user per stored event.
/// </para>
/// <para>
/// Two indexes, each read on the hot path: the primary key is the upsert's conflict target (and serves removals by
/// id); (user, local date) is how a day's events are read back to recompute it. Everything else (a user's export,
/// relocation, removing a device's events, the admin's counts per device) reads one user's rows through the user
/// prefix of either and is rare enough not to earn an index every insert pays for.
/// </para>
/// </summary>
public sealed class RawEventConfiguration : IEntityTypeConfiguration<RawEvent>
{
    public void Configure(EntityTypeBuilder<RawEvent> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("raw_events");
        builder.HasKey(r => new { r.UserId, r.Source, r.ExternalId });
        builder.Property(r => r.Source).HasMaxLength(64);
        builder.Property(r => r.ExternalId).HasMaxLength(EventLimits.MaxIdLength);
        builder.Property(r => r.Type).HasMaxLength(32);
        builder.Property(r => r.Activity).HasMaxLength(32);
        builder.Property(r => r.Intensity).HasMaxLength(32);
        builder.Property(r => r.MealName).HasMaxLength(EventLimits.MaxNameLength);
        builder.Property(r => r.SkinCheck).HasColumnType("jsonb");
        builder.HasIndex(r => new { r.UserId, r.LocalDate });
    }
}
