using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>Entry points from the core API to System.IO.Abstractions.</summary>
public static class ContainerFileSystemExtensions
{
    /// <summary>Presents <paramref name="container"/> as an <see cref="IFileSystem"/> rooted at <c>/</c>.</summary>
    /// <param name="container">The container.</param>
    /// <returns>A new <see cref="UnionFileSystem"/> over the container (each call has its own current directory).</returns>
    public static UnionFileSystem AsFileSystem(this Container container) => new(container);
}
