namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// This process's turns for one SQLite write lock (ADR-042), taken by writer: a store's writes wait behind each other
/// first come first served, and the stores with a write waiting take the turns in rotation, so a store sending large
/// writes back to back delays another store's write by the one in progress, not by its whole queue. The writer is the
/// store the call acts for (<see cref="Application.Common.Calls.CallContext.WritesFor"/>); the service's own work
/// (sweeps, deliveries, a call of no store) is one more writer.
/// </summary>
internal sealed class WriterTurns
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<TaskCompletionSource<bool>>> _waiting = new(StringComparer.Ordinal);

    /// <summary>The writers with a write waiting, in the order they take the next turns.</summary>
    private readonly LinkedList<string> _rotation = new();

    private bool _taken;

    /// <summary>Whether a writer has the turn now.</summary>
    public bool Taken
    {
        get
        {
            lock (_gate)
            {
                return _taken;
            }
        }
    }

    /// <summary>Waits for <paramref name="writer"/>'s turn, blocking; false when <paramref name="patience"/> ran out first.</summary>
    public bool Wait(string? writer, TimeSpan patience) => WaitAsync(writer, patience, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Waits for <paramref name="writer"/>'s turn (a store's id; null for the service's own work); false when
    /// <paramref name="patience"/> ran out first (infinite: <see cref="Timeout.InfiniteTimeSpan"/>).
    /// </summary>
    public async Task<bool> WaitAsync(string? writer, TimeSpan patience, CancellationToken cancellationToken)
    {
        var turn = Enqueue(writer ?? string.Empty);
        if (turn is null)
        {
            return true;
        }

        try
        {
            return await turn.Task.WaitAsync(patience, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Given up: a turn handed over at that moment is this waiter's, and goes on to the next one.
            if (!turn.TrySetResult(false))
            {
                Release();
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            return false;
        }
    }

    /// <summary>Ends the turn: the next writer in the rotation takes it, or it is free.</summary>
    public void Release()
    {
        lock (_gate)
        {
            while (_rotation.First is { } next)
            {
                var queue = _waiting[next.Value];
                var turn = queue.Dequeue();
                _rotation.RemoveFirst();
                if (queue.Count > 0)
                {
                    _rotation.AddLast(next);
                }
                else
                {
                    _waiting.Remove(next.Value);
                }

                if (turn.TrySetResult(true))
                {
                    return; // handed over: still taken
                }
            }

            _taken = false;
        }
    }

    /// <summary>Takes a free turn (null), or queues a wait for one behind the writer's earlier writes.</summary>
    private TaskCompletionSource<bool>? Enqueue(string writer)
    {
        lock (_gate)
        {
            if (!_taken)
            {
                _taken = true;
                return null;
            }

            var turn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_waiting.TryGetValue(writer, out var queue))
            {
                _waiting[writer] = queue = new Queue<TaskCompletionSource<bool>>();
                _rotation.AddLast(writer);
            }

            queue.Enqueue(turn);
            return turn;
        }
    }
}
