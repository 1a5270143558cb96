using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Etl.Aws;

/// <summary>Source-generated serializer metadata for the request and response bodies (JsonNode in, JsonNode out).</summary>
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
