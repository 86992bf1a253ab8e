using System.Text.Json;
using System.Text.Json.Serialization;
using NUnit.Framework;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Differential;

/// <summary>
/// Minimal diverging scenarios as JSON files (layers and operations), written by the shrinker and, once copied into
/// <c>tests/UnionFs.Tests/Differential/Cases/</c>, replayed by every run as regression tests.
/// </summary>
internal static class SavedCases
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public sealed record Case(string Suite, int Seed, List<List<LayerSpec.Item>> Layers, List<Operation> Operations);

    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Differential", "Cases");

    public static string Save(string suite, string variant, int seed, IReadOnlyList<LayerSpec> layers, IReadOnlyList<Operation> ops)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "differential-cases");
        System.IO.Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{suite}-seed{seed}-{variant.Replace('/', '-')}.json");
        var saved = new Case(suite, seed, [.. layers.Select(l => l.Items.ToList())], [.. ops]);
        File.WriteAllText(file, JsonSerializer.Serialize(saved, Json));
        return file;
    }

    public static IEnumerable<string> Files(string suite) =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, suite + "-*.json").Order(StringComparer.Ordinal)
            : [];

    public static (List<LayerSpec> Layers, List<Operation> Operations) Load(string file)
    {
        var saved = JsonSerializer.Deserialize<Case>(File.ReadAllText(file), Json)!;
        return (Specs(saved.Layers), saved.Operations);
    }

    /// <summary>Saved layers (their items) as layer specs again.</summary>
    public static List<LayerSpec> Specs(List<List<LayerSpec.Item>> layers) => layers.Select(items =>
    {
        var spec = new LayerSpec();
        foreach (var item in items)
        {
            spec.Add(item);
        }

        return spec;
    }).ToList();
}
