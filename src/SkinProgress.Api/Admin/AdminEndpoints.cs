using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Connections;
using SkinProgress.Api.Me;
using SkinProgress.Api.Problems;
using SkinProgress.Data;
using SkinProgress.Data.Users;
using SkinProgress.Email.Addresses;
using SkinProgress.Sources;
using SkinProgress.Validation;

namespace SkinProgress.Api.Admin;

public sealed record CreateUserRequest(string? Email, ProfileRequest? Profile);

public sealed record CreateDeviceRequest(string? Name, string? Source);

public sealed record DeviceCreated(Guid Id, Guid UserId, string Name, string Source, Guid KeyId, string Key);

public sealed record KeyCreated(Guid KeyId, string Kind, Guid UserId, string Key);

public sealed record DeviceSync(Guid DeviceId, string Name, string Source, DateTimeOffset? LastEventAt, int EventsLast7Days, DateTimeOffset? LastImportAt, bool Stale);

public sealed record SyncStatus(Guid UserId, IReadOnlyList<DeviceSync> Devices, IReadOnlyList<ConnectionStatus> Connections);

public static class AdminEndpoints
{
    /// <summary>A device that used to sync and has been silent this long is flagged stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(72);

    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin").RequireAuthorization(AuthExtensions.AdminPolicy).WithTags("Admin");
        admin.MapPost("/users", CreateUser).WithSummary("Create a user with profile and email.");
        admin.MapPost("/users/{id:guid}/devices", CreateDevice).WithSummary("Register a device; the answer holds its key, shown once.");
        admin.MapPost("/users/{id:guid}/keys", CreateUserKey).WithSummary("Issue a user key, shown once.");
        admin.MapDelete("/keys/{keyId:guid}", RevokeKey).WithSummary("Revoke any key.");
        admin.MapGet("/users/{id:guid}/sync", GetSync).WithSummary("Per device: last event, events in the last 7 days, stale flag; per live connection: state, last sync, backfill progress.");
        return v1;
    }

    public static async Task<Results<Created<ProfileResponse>, ValidationProblem, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var profile = request.Profile ?? new ProfileRequest();
        var errors = profile.Validate(DateOnly.FromDateTime(now.UtcDateTime));
        if (!EmailAddress.TryParse(request.Email, out var email, out var emailProblem))
        {
            errors["email"] = [emailProblem];
        }

        // The rules need height (BMI) and age; without them no summary could be compiled.
        if (profile.HeightCm is null)
        {
            errors.TryAdd("profile.heightCm", ["Required: BMI and the targets depend on it."]);
        }

        if (profile.BirthYear is null)
        {
            errors.TryAdd("profile.birthYear", ["Required: the loose-skin rules depend on age."]);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Email = email!.Value,
            CreatedAt = now,
            UnsubscribeToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant(),
        };
        profile.ApplyTo(user);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status409Conflict, ProblemTypes.Conflict,
                "A user with this email exists."));
        }

        return TypedResults.Created($"/v1/admin/users/{user.Id}", ProfileResponse.From(user));
    }

    public static async Task<Results<Created<DeviceCreated>, ValidationProblem, NotFound>> CreateDevice(
        Guid id, CreateDeviceRequest request, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["Required, at most 200 characters."];
        }
        else if (TextRules.Problem(request.Name, 200) is { } name)
        {
            errors["name"] = [name];
        }

        if (request.Source is null || !DeviceSources.All.Contains(request.Source))
        {
            errors["source"] = [$"One of: {string.Join(", ", DeviceSources.All)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        if (!await db.Users.AnyAsync(u => u.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var device = new Device { Id = Guid.CreateVersion7(now), UserId = id, Name = request.Name!, Source = request.Source!, CreatedAt = now };
        var key = ApiKeys.Generate(KeyKind.Device);
        var stored = new ApiKey { Id = Guid.CreateVersion7(now), Kind = KeyKind.Device, UserId = id, DeviceId = device.Id, Hash = ApiKeys.Hash(key), CreatedAt = now };
        db.Devices.Add(device);
        db.ApiKeys.Add(stored);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/v1/admin/users/{id}/devices/{device.Id}",
            new DeviceCreated(device.Id, id, device.Name, device.Source, stored.Id, key));
    }

    public static async Task<Results<Created<KeyCreated>, NotFound>> CreateUserKey(Guid id, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var key = ApiKeys.Generate(KeyKind.User);
        var stored = new ApiKey { Id = Guid.CreateVersion7(now), Kind = KeyKind.User, UserId = id, Hash = ApiKeys.Hash(key), CreatedAt = now };
        db.ApiKeys.Add(stored);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/v1/admin/keys/{stored.Id}", new KeyCreated(stored.Id, "user", id, key));
    }

    public static async Task<Results<NoContent, NotFound>> RevokeKey(
        Guid keyId, SkinProgressDbContext db, KeyCache keys, TimeProvider time, CancellationToken ct)
    {
        var hash = await db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.Hash).FirstOrDefaultAsync(ct);
        if (hash is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        await db.ApiKeys.Where(k => k.Id == keyId)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, k => k.RevokedAt ?? now), ct);
        keys.Forget([hash]);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SyncStatus>, NotFound>> GetSync(Guid id, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var weekAgo = now.AddDays(-7);
        var devices = await db.Devices.AsNoTracking().Where(d => d.UserId == id).OrderBy(d => d.CreatedAt)
            .Select(d => new
            {
                d.Id,
                d.Name,
                d.Source,
                d.LastEventAt,
                d.LastImportAt,
                Recent = db.RawEvents.Count(e => e.UserId == id && e.DeviceId == d.Id && e.ReceivedAt >= weekAgo),
            })
            .ToListAsync(ct);

        return TypedResults.Ok(new SyncStatus(id, devices
            .Select(d => new DeviceSync(d.Id, d.Name, d.Source, d.LastEventAt, d.Recent, d.LastImportAt, d.LastEventAt is { } last && now - last > StaleAfter))
            .ToList(), await ConnectionStatus.LiveAsync(db, id, time, ct)));
    }
}
