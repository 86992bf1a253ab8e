using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace UnionFs.Cli.Hosting;

/// <summary>
/// Ctrl+C and SIGTERM. The first signal cancels the token the long commands pass to the library (which stops between
/// two blocks and removes its temp files); a command that never looks at the token is simply ended, as is any command
/// on a second signal.
/// </summary>
internal sealed class Cancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration? _term;
    private int _signals;

    public Cancellation()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = Cooperative && Interlocked.Increment(ref _signals) == 1;
                _source.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            // A platform without SIGTERM: Ctrl+C still cancels.
        }
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Set by a command whose work checks <see cref="Token"/>, so a signal unwinds it instead of killing it.</summary>
    public bool Cooperative { get; set; }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _term?.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = Cooperative && Interlocked.Increment(ref _signals) == 1;
        _source.Cancel();
    }
}
