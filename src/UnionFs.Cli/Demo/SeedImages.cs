using System.IO;
using System.Reflection;
using System.Text;

namespace UnionFs.Cli.Demo;

/// <summary>The content of the seed's images, small enough to build anywhere in milliseconds.</summary>
internal static class SeedImages
{
    public const UnixFileMode Executable = (UnixFileMode)0x1ED; // 0755

    /// <summary>A stand-in for the alpine root file system: a folder, read as a directory layer ("ADD file:... in /").</summary>
    /// <summary>Builds base-image:1.0 and final-image:1.0 as the seed's two Dockerfiles do, with their build inputs
    /// written under <paramref name="root"/>.</summary>
    public static (Image Base, Image Final) Build(string root)
    {
        // base-image:1.0: "FROM alpine" (a small root folder standing in for alpine's rootfs), then
        // "RUN apk add --no-cache bash" as a change to a container, committed as a layer.
        var alpine = WriteAlpineFolder(Path.Combine(root, "alpine-rootfs"));
        var baseImage = new ImageBuilder(Image.Empty)
            .Copy(alpine, "/", "/bin/sh -c #(nop) ADD file:alpine-rootfs in /")
            .Cmd("/bin/sh")
            .Run("RUN /bin/sh -c apk add --no-cache bash # buildkit", ApkAddBash, "buildkit.dockerfile.v0")
            .Image;

        // final-image:1.0, from the seed's dockerfile: COPY . /app, RUN chmod +x, CMD.
        var context = WriteBuildContext(Path.Combine(root, "context"));
        var finalImage = new ImageBuilder(baseImage)
            .Copy(context, "/app", "COPY . /app # buildkit", "buildkit.dockerfile.v0")
            .Run("RUN /bin/sh -c chmod +x /app/script.sh # buildkit", c => c.SetUnixFileMode("/app/script.sh", Executable), "buildkit.dockerfile.v0")
            .Cmd("/bin/sh", "-c", "/app/script.sh")
            .Image;
        return (baseImage, finalImage);
    }

    public static string WriteAlpineFolder(string path)
    {
        Write(path, "bin/busybox", Filler("busybox", 8_192));
        Write(path, "etc/alpine-release", "3.20.3\n");
        Write(path, "etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\n");
        Write(path, "etc/shells", "/bin/sh\n/bin/ash\n");
        Write(path, "lib/apk/db/installed", "P:busybox\nV:1.36.1-r29\n");
        Write(path, "var/cache/apk/APKINDEX.tar.gz", Filler("apkindex", 1_024));
        File.CreateSymbolicLink(Path.Combine(path, "bin", "sh"), "busybox");
        return path;
    }

    /// <summary>"RUN apk add --no-cache bash": adds bash, edits two files, and deletes the package index (a whiteout).</summary>
    public static void ApkAddBash(Container c)
    {
        c.WriteAllBytes("/bin/bash", Encoding.UTF8.GetBytes(Filler("bash", 4_096)));
        c.SetUnixFileMode("/bin/bash", Executable);
        c.AppendAllBytes("/etc/shells", "/bin/bash\n"u8);
        c.WriteAllText("/lib/apk/db/installed", "P:busybox\nV:1.36.1-r29\nP:bash\nV:5.2.26-r0\n");
        c.DeleteFile("/var/cache/apk/APKINDEX.tar.gz");
    }

    /// <summary>The build context of <c>COPY . /app</c>: the seed's three files, shipped inside the demo.</summary>
    public static string WriteBuildContext(string path)
    {
        foreach (var name in new[] { "dockerfile.base", "dockerfile", "script.sh" })
        {
            Write(path, name, ReadSeed(name));
        }

        return path;
    }

    public static string ReadSeed(string name)
    {
        using var stream = typeof(SeedImages).Assembly.GetManifestResourceStream("Seed/" + name)
            ?? throw new FileNotFoundException($"Seed file '{name}' is not embedded in {typeof(SeedImages).Assembly.GetName().Name}.", name);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Filler(string name, int length)
    {
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            builder.Append(name).Append(' ');
        }

        return builder.ToString(0, length);
    }

    private static void Write(string root, string relative, string content)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }
}
