using System.IO;
using System.IO.Abstractions;

namespace UnionFs.Abstractions;

/// <summary>A container stream presented as the <see cref="FileSystemStream"/> System.IO.Abstractions hands out; its
/// <see cref="FileSystemStream.Name"/> is the full union path.</summary>
internal sealed class UnionFileSystemStream(Stream inner, string path, bool isAsync) : FileSystemStream(inner, path, isAsync);
