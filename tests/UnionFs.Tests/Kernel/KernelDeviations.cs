using UnionFs.Tests.Differential;

namespace UnionFs.Tests.Kernel;

/// <summary>
/// The one place that names where UnionFs deliberately differs from kernel overlayfs (docs/semantics.md,
/// "Deliberate differences from overlayfs"). The kernel oracle accepts a divergence only if it is listed here.
/// </summary>
internal static class KernelDeviations
{
    /// <summary>
    /// Directory rename across layers. Without <c>redirect_dir</c> the kernel refuses to rename a directory that has
    /// lower content with EXDEV ("applications are usually prepared to handle this error (mv(1) for example recursively
    /// copies the directory tree)", overlayfs.rst); UnionFs renames it (docs/design/0005-directory-rename.md).
    /// The oracle then does what mv(1) does on EXDEV, so the trees stay comparable.
    /// </summary>
    public static bool IsDirectoryRenameExdev(Operation op, string kernelOutcome, string unionOutcome) =>
        op.Kind == OpKind.MoveDirectory && kernelOutcome == Outcome.ExdevOutcome && unionOutcome == "ok";

    /// <summary>mv(1)'s fallback for EXDEV: copy the tree (modes kept), then delete the source.</summary>
    public static void MoveLikeMv(string source, string destination)
    {
        CopyTree(new DirectoryInfo(source), destination);
        Directory.Delete(source, recursive: true);
    }

    private static void CopyTree(DirectoryInfo source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var info in source.EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, info.Name);
            if (info.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (info is DirectoryInfo sub)
            {
                CopyTree(sub, target);
                continue; // stamped by its own copy
            }
            else
            {
                File.Copy(info.FullName, target);
            }

            // The setters act on a link itself on Linux.
            File.SetLastWriteTimeUtc(target, info.LastWriteTimeUtc);
            File.SetLastAccessTimeUtc(target, info.LastAccessTimeUtc);
        }

        // mv across file systems keeps every time (cp -a), a directory's set after its children are written.
        File.SetUnixFileMode(destination, source.UnixFileMode);
        Directory.SetLastWriteTimeUtc(destination, source.LastWriteTimeUtc);
        Directory.SetLastAccessTimeUtc(destination, source.LastAccessTimeUtc);
    }
}
