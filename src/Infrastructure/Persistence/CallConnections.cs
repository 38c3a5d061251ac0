using System.Data.Common;
using ChannelBridge.Application.Common.Calls;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// The connections of one call (scoped): opened by the process's <see cref="DbConnectionFactory"/>, with SQLite's busy
/// wait bounded by the time the call has left before its deadline (<see cref="CallContext.Remaining"/>). Repositories and
/// queries serving requests open through this; background services, which have no deadline, use the factory.
/// </summary>
internal sealed class CallConnections(DbConnectionFactory factory, CallContext call)
{
    public DatabaseProvider Provider => factory.Provider;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => factory.OpenAsync(cancellationToken, call.Remaining);

    /// <summary>A connection for the call's hot reads, its statements kept prepared across calls (<see cref="ReadSession"/>).</summary>
    public Task<ReadSession> OpenReadSessionAsync(CancellationToken cancellationToken) => factory.OpenReadSessionAsync(cancellationToken, call.Remaining);

    /// <summary>A connection to the paging state (<see cref="DbConnectionFactory.PagingConnectionString"/>).</summary>
    public Task<DbConnection> OpenPagingAsync(CancellationToken cancellationToken) => factory.OpenPagingAsync(cancellationToken, call.Remaining);
}
