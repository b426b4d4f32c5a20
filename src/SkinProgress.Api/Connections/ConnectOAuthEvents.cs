using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using SkinProgress.Api.Ingest;
using SkinProgress.Connections;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Data.Connections;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Connections;

/// <summary>
/// What the OAuth handler does for a provider once it has verified the state and its correlation cookie and exchanged
/// the code: check the state belongs to this browser's connect session, store the grant, start the backfill, and send
/// the person back to the page, signed in to nothing.
/// </summary>
public static class ConnectOAuthEvents
{
    public static OAuthEvents For(IConnectionProvider provider) => new()
    {
        OnCreatingTicket = context => ConnectAsync(provider, context),
        OnTicketReceived = context =>
        {
            // Handled here, the handler never calls SignInAsync: the tokens are stored, not kept in a cookie.
            context.Response.Redirect(ConnectSession.Path);
            context.HandleResponse();
            return Task.CompletedTask;
        },
        OnRemoteFailure = async context =>
        {
            context.HandleResponse();
            var (status, message) = context.Failure is ConnectRefusedException refused
                ? (StatusCodes.Status403Forbidden, refused.Message)
                : (StatusCodes.Status400BadRequest, $"{provider.DisplayName} was not connected: the answer from {provider.DisplayName} could not be "
                    + "verified for this page (it was refused, expired, or started in another browser or session).");
            await ConnectPages.Message(status, $"{provider.DisplayName} was not connected", message, backToPage: true).ExecuteAsync(context.HttpContext);
        },
    };

    private static async Task ConnectAsync(IConnectionProvider provider, OAuthCreatingTicketContext context)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var session = await ConnectSession.ReadAsync(http);
        if (session is null || !context.Properties.Items.TryGetValue(ConnectSession.SessionItem, out var started) || started != session.SessionId)
        {
            throw new ConnectRefusedException($"{provider.DisplayName} was not connected: this authorisation was not started from this page's session. Open a new connect link and try again.");
        }

        var services = http.RequestServices;
        var db = services.GetRequiredService<SkinProgressDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var ownerId = provider.ReadOwnerId(context);
        var accessToken = context.AccessToken ?? throw new ConnectRefusedException($"{provider.DisplayName} sent no access token.");

        await provider.OnConnectedAsync(new ProviderSession(ownerId, accessToken), ct);

        var days = services.GetRequiredService<IOptions<ConnectionsOptions>>().Value.BackfillDays;
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.UserId == session.UserId && c.Provider == provider.Name, ct);
        if (connection is null)
        {
            var device = new Device { Id = Guid.CreateVersion7(now), UserId = session.UserId, Name = provider.DisplayName, Source = provider.Name, CreatedAt = now };
            db.Devices.Add(device);
            connection = new Connection
            {
                Id = Guid.CreateVersion7(now),
                UserId = session.UserId,
                Provider = provider.Name,
                OwnerId = ownerId,
                DeviceId = device.Id,
                State = ConnectionStates.Backfilling,
            };
            db.Connections.Add(connection);
        }

        connection.OwnerId = ownerId;
        connection.State = ConnectionStates.Backfilling;
        connection.ConnectedAt = now;
        connection.BackfillFrom = now.AddDays(-days);
        connection.BackfillTo = now;
        connection.BackfillDaysDone = 0;
        connection.UpdatedAt = now;
        connection.RemovedAt = null;
        services.GetRequiredService<ConnectionTokens>().Store(connection, accessToken, context.RefreshToken,
            context.ExpiresIn is { } lifetime ? now + lifetime : null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConnectRefusedException($"This {provider.DisplayName} account is connected to another SkinProgress account. Disconnect it there first.");
        }

        // The row is the backfill's record (the Worker resumes backfills from it), so a refused publish delays the
        // start instead of losing it; the person still sees the connection.
        await services.GetRequiredService<BatchPublisher>().TryPublishAsync(
            new ConnectionAuthorized(connection.Id, session.UserId, provider.Name, connection.DeviceId, connection.BackfillFrom, connection.BackfillTo, now), ct);
    }
}
