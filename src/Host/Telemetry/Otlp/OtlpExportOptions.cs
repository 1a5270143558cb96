namespace Etl.Host.Telemetry.Otlp;

/// <summary>
/// Settings of <c>Telemetry:Otlp</c>. OTLP export is off unless <see cref="Endpoint"/> is set; validated at
/// start-up with messages that name the setting.
/// </summary>
internal sealed class OtlpExportOptions
{
    public const string SectionName = "Telemetry:Otlp";

    /// <summary>
    /// <c>Telemetry:Otlp:Endpoint</c>: the collector's base address, e.g. <c>http://collector:4317</c> (grpc) or
    /// <c>http://collector:4318</c> (http/protobuf; <c>/v1/metrics</c> and <c>/v1/traces</c> are appended).
    /// No default: unset means no export.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>Telemetry:Otlp:Protocol</c>: <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary><c>Telemetry:Otlp:Headers</c>: extra request headers as <c>key=value,key2=value2</c> (e.g. an API key).</summary>
    public string? Headers { get; set; }

    /// <summary><c>Telemetry:Otlp:ExportInterval</c>: how often metrics are pushed. Default 15 s; at least 100 ms.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><c>Telemetry:Otlp:Timeout</c>: the deadline of one export request. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>Telemetry:Otlp:ServiceName</c>: the <c>service.name</c> resource attribute. Default <c>etl</c>.</summary>
    public string ServiceName { get; set; } = "etl";

    /// <summary>
    /// <c>Telemetry:Otlp:AdditionalMeters</c>: meters exported beside <c>Etl*</c>, e.g. <c>System.Runtime</c> or
    /// <c>Microsoft.AspNetCore.Hosting</c>. Default none.
    /// </summary>
    public List<string> AdditionalMeters { get; } = [];

    /// <summary><c>Telemetry:Otlp:Traces</c>: also export traces of the <c>Etl*</c> activity sources. Default true.</summary>
    public bool Traces { get; set; } = true;
}
