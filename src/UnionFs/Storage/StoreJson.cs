using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace UnionFs;

/// <summary>Source-generated JSON for the store's own files (trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class StoreJson : JsonSerializerContext;
