namespace Etl.SchemaGovernance.Framing;

/// <summary>What the decoder does with a record that does not start with a Glue Schema Registry header.</summary>
public enum UnframedRecordPolicy
{
    /// <summary>Reject it as <c>BadFrame</c> (the default: every producer is expected to frame its records).</summary>
    Reject,

    /// <summary>Treat the whole record as a payload of the configured default schema version.</summary>
    UseDefaultSchemaVersion,
}
