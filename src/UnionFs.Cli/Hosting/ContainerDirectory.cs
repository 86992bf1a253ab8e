using System;
using System.IO;
using System.Linq;

namespace UnionFs.Cli.Hosting;

/// <summary>
/// A container's writable directory, opened for reading (<c>diff</c>, <c>size</c>). Opening one resets its work
/// directory (<c>.wh..wh..work</c>), as reopening a container does; when the directory had none, the one opening made
/// is removed again, so pointing the tool at a plain folder leaves it as it was.
/// </summary>
internal sealed class ContainerDirectory : IDisposable
{
    private readonly string _work;
    private readonly bool _hadWork;

    public ContainerDirectory(Image image, string path)
    {
        if (!Directory.Exists(path))
        {
            throw CliException.NotFound($"no container directory at '{path}'");
        }

        _work = Path.Combine(path, Whiteouts.Whiteout.WorkDirectoryName);
        _hadWork = Directory.Exists(_work);
        Container = image.OpenContainer(path);
    }

    public Container Container { get; }

    public void Dispose()
    {
        Container.Dispose();
        if (!_hadWork && Directory.Exists(_work) && !Directory.EnumerateFileSystemEntries(_work).Any())
        {
            Directory.Delete(_work);
        }
    }
}
