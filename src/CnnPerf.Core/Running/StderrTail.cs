namespace CnnPerf.Running;

/// <summary>Keeps the last lines a worker wrote to stderr (thread-safe).</summary>
internal sealed class StderrTail
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;

    public StderrTail(int capacity)
    {
        _capacity = Math.Max(1, capacity);
    }

    /// <summary>Adds a line, dropping the oldest beyond the capacity.</summary>
    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > _capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The kept lines joined by newlines; null when there were none.</summary>
    public string? Text
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count == 0 ? null : string.Join('\n', _lines);
            }
        }
    }
}
