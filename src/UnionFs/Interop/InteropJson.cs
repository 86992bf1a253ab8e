using System;
using System.IO;
using System.Text.Json;

namespace UnionFs.Interop;

/// <summary>JSON written the same way every time (UTF-8, no indentation), so equal content gives equal digests.</summary>
internal static class InteropJson
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.ToArray();
    }
}
