using OpenTelemetry.Exporter;

namespace Etl.Host.Telemetry.Otlp;

/// <summary>The protocol names of the OTLP exporter specification and the exporter's enum.</summary>
internal static class OtlpProtocols
{
    public static bool TryParse(string? text, out OtlpExportProtocol protocol)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "grpc":
                protocol = OtlpExportProtocol.Grpc;
                return true;
            case "http/protobuf":
                protocol = OtlpExportProtocol.HttpProtobuf;
                return true;
            default:
                protocol = default;
                return false;
        }
    }
}
