namespace CnnPerf.Native.Tests.Power.Serial;

/// <summary>
/// Plays a UM meter on the master end of a pseudo-terminal: every 0xF0 it receives is answered with the next
/// frame from <see cref="NextFrame"/>; after <see cref="Unplug"/> it stays silent, like a meter switched off.
/// </summary>
internal sealed class FakeUmDevice : IDisposable
{
    private readonly PseudoTerminal _terminal;
    private readonly Thread _thread;
    private volatile bool _unplugged;

    public FakeUmDevice(Func<int, byte[]> nextFrame)
    {
        _terminal = PseudoTerminal.Open();
        NextFrame = nextFrame;
        _thread = new Thread(Serve) { IsBackground = true, Name = "fake UM meter" };
        _thread.Start();
    }

    public string PortName => _terminal.SlaveName;

    public Func<int, byte[]> NextFrame { get; }

    public int Requests { get; private set; }

    public void Unplug() => _unplugged = true;

    public void Dispose() => _terminal.Dispose();

    private void Serve()
    {
        var request = new byte[1];
        try
        {
            while (_terminal.Master.Read(request, 0, 1) == 1)
            {
                if (request[0] != 0xF0 || _unplugged)
                {
                    continue;
                }
                var frame = NextFrame(Requests++);
                _terminal.Master.Write(frame, 0, frame.Length);
                _terminal.Master.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The port side closed: the "device" is gone.
        }
    }
}
