using System.Text.Json;

namespace Etl.SchemaGovernance.JsonSchema;

/// <summary>A keyword evaluated on a copy of the reader; it may consume its copy freely.</summary>
internal abstract class InPlaceCheck
{
    public abstract bool Check(ref Utf8JsonReader reader, ref ValidationState state);
}
