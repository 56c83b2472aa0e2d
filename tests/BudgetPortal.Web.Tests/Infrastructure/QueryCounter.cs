using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BudgetPortal.Web.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core runs against one database (the fixture's own: other test
/// collections run beside it on other databases), to tell a cache hit (no query) from a miss.
/// </summary>
public sealed class QueryCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _listeners = [];
    private int _count;

    public QueryCounter(string database)
    {
        _database = database;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref _count);

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_listeners) _listeners.Add(listener.Subscribe(this));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data && data.Connection.Database == _database)
            Interlocked.Increment(ref _count);
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        _all.Dispose();
        lock (_listeners) _listeners.ForEach(l => l.Dispose());
    }
}
