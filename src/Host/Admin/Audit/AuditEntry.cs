using System.Text.Json;

namespace Etl.Host.Admin.Audit;

/// <summary>One change made through the admin API: who, when, what, and the state before and after.</summary>
/// <param name="Time">When the change was made (UTC).</param>
/// <param name="Actor">The API key name or the JWT subject.</param>
/// <param name="AuthMethod"><c>api-key</c> or <c>jwt</c>.</param>
/// <param name="Operation">E.g. <c>RegisterSchemaVersion</c>, <c>UpdateSchema</c>.</param>
/// <param name="Target">What was changed, e.g. <c>registry/schema</c> or <c>registry/schema@3</c>.</param>
/// <param name="Before">The relevant state before the change, when there was one.</param>
/// <param name="After">The outcome (e.g. the version registered with its id and status).</param>
public sealed record AuditEntry(
    DateTimeOffset Time,
    string Actor,
    string AuthMethod,
    string Operation,
    string Target,
    JsonElement? Before,
    JsonElement? After);
