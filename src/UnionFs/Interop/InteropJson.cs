using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace UnionFs.Interop;

/// <summary>JSON written the same way every time (UTF-8, no indentation), so equal content gives equal digests.
/// Media types are written as themselves (<c>tar+gzip</c>, not <c>tar\u002Bgzip</c>) as other tools write them: these
/// documents are never embedded in HTML, so the relaxed escaper is safe.</summary>
internal static class InteropJson
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return buffer.ToArray();
    }
}
