using System;
using System.IO;
using System.Linq;
using System.Text;

namespace UnionFs.Cli.Hosting;

/// <summary>
/// Writes that appear whole or not at all: the work goes to a temp sibling (same directory, so the final rename
/// never crosses a file system) and is renamed into place only when it finished, so Ctrl+C or a failure leaves no
/// partial output file or directory.
/// </summary>
internal static class Outputs
{
    public static void File(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        if (System.IO.Directory.Exists(full))
        {
            throw CliException.Failure($"'{path}' is a directory");
        }

        var temp = TempSibling(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920))
            {
                write(stream);
            }

            System.IO.File.Move(temp, full, overwrite: true);
        }
        finally
        {
            System.IO.File.Delete(temp);
        }
    }

    /// <summary>A new directory at <paramref name="path"/>, which must be absent or empty.</summary>
    public static void Directory(string path, Action<string> fill)
    {
        var full = Path.GetFullPath(path.TrimEnd('/', '\\'));
        if (System.IO.File.Exists(full))
        {
            throw CliException.Failure($"'{path}' is a file, not a directory");
        }

        if (System.IO.Directory.Exists(full) && System.IO.Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw CliException.Failure($"'{path}' exists and is not empty");
        }

        var temp = TempSibling(full);
        try
        {
            fill(temp);
            if (System.IO.Directory.Exists(full))
            {
                System.IO.Directory.Delete(full);
            }

            System.IO.Directory.Move(temp, full);
        }
        finally
        {
            if (System.IO.Directory.Exists(temp))
            {
                System.IO.Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>A name for a new image made from a path and a tag: lower-case, only the characters a reference allows.</summary>
    public static string ReferenceFor(string path, string? tag)
    {
        var name = new StringBuilder();
        foreach (var c in Path.GetFileNameWithoutExtension(Path.GetFullPath(path).TrimEnd('/', '\\')).ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        return (name.Length == 0 ? "image" : name.ToString().Trim('.', '-', '_')) + ":" + (tag ?? "latest");
    }

    private static string TempSibling(string full) =>
        Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + ".unionfs-" + Guid.NewGuid().ToString("N")[..12]);
}
