using System.Text;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Differential;

/// <summary>Prints a scenario's layers, for the message of a failing differential case.</summary>
internal static class ScenarioDump
{
    public static string Describe(IReadOnlyList<LayerSpec> layers)
    {
        var text = new StringBuilder();
        for (var i = 0; i < layers.Count; i++)
        {
            text.Append($"L{i}:");
            foreach (var item in layers[i].Items)
            {
                text.Append(' ').Append(item.Type switch
                {
                    LayerSpec.Kind.File => "F",
                    LayerSpec.Kind.Directory => "D",
                    LayerSpec.Kind.OpaqueDirectory => "O",
                    LayerSpec.Kind.Link => "L",
                    _ => "W",
                }).Append(item.Path);
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
