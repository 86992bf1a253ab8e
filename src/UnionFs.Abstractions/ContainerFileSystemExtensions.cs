using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>Entry points from the core API to System.IO.Abstractions.</summary>
public static class ContainerFileSystemExtensions
{
    /// <summary>Presents <paramref name="container"/> as an <see cref="IFileSystem"/> rooted at <c>/</c>.</summary>
    /// <param name="container">The container.</param>
    /// <returns>A new <see cref="UnionFileSystem"/> over the container (each call has its own current directory).</returns>
    public static UnionFileSystem AsFileSystem(this Container container) => new(container);

    /// <summary>Presents <paramref name="container"/> at a host directory path, with every other path passed through to
    /// <paramref name="host"/> (the real file system when null).</summary>
    /// <param name="container">The container.</param>
    /// <param name="hostDirectory">Where the union appears, e.g. the fixture folder the container's image was built from.</param>
    /// <param name="host">The file system for every path outside <paramref name="hostDirectory"/>.</param>
    /// <returns>The mounted file system.</returns>
    public static MountedFileSystem MountAt(this Container container, string hostDirectory, IFileSystem? host = null) =>
        new(container, hostDirectory, host);
}
