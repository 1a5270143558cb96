using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Etl.Ingest.Kpl;
using Etl.Parquet;
using Etl.Parquet.Reading;
using Etl.SchemaGovernance.Framing;

namespace Etl.Host.Cli;

/// <summary>`etl inspect parquet FILE` and `etl inspect record --base64 DATA | --file FILE [--hash-range S-E] [--schema FILE]`.</summary>
internal static class InspectCommands
{
    public static Command Create()
    {
        var inspect = new Command("inspect", "Look inside Parquet files and Kinesis records");
        inspect.Subcommands.Add(Parquet());
        inspect.Subcommands.Add(Record());
        return inspect;
    }

    private static Command Parquet()
    {
        var file = new Argument<string>("file") { Description = "The Parquet file" };
        var command = new Command("parquet", "Schema, row groups, column chunks, encodings, statistics and key-value metadata as JSON") { file };
        command.SetAction(async (parse, token) =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                await Console.Out.WriteLineAsync(ParquetInspector.InspectJson(path));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ParquetFormatException)
            {
                await Console.Error.WriteLineAsync($"etl inspect parquet: {path}: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command Record()
    {
        var base64 = new Option<string?>("--base64") { Description = "The record's data, base64" };
        var file = new Option<string?>("--file") { Description = "A file holding the record's raw bytes" };
        var partitionKey = new Option<string?>("--partition-key") { Description = "The Kinesis partition key (for a plain record's hash key)" };
        var range = new Option<string?>("--hash-range") { Description = "The shard's hash key range START-END (decimal)" };
        var schema = new Option<string?>("--schema") { Description = "A JSON Schema or Avro schema file to decode the payload with" };
        var command = new Command("record", "The user records inside one Kinesis record (KPL, GSR header, payload) as JSON")
        {
            base64, file, partitionKey, range, schema,
        };
        command.SetAction(async (parse, token) =>
        {
            try
            {
                var data = Data(parse.GetValue(base64), parse.GetValue(file));
                var hashRange = Range(parse.GetValue(range));
                var decoder = parse.GetValue(schema) is { } schemaFile ? PayloadDecoders.FromFile(schemaFile) : null;
                var json = KinesisRecordInspector.InspectToJson(
                    data,
                    parse.GetValue(partitionKey),
                    hashRange,
                    (writer, bytes) => GsrPayloadInspector.WriteProperties(writer, bytes, payloadDecoder: decoder is null ? null : (_, payload) => decoder(payload)));
                await Console.Out.WriteLineAsync(json);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException or JsonException)
            {
                await Console.Error.WriteLineAsync("etl inspect record: " + e.Message);
                return 2;
            }
        });
        return command;
    }

    private static byte[] Data(string? base64, string? file)
    {
        if ((base64 is null) == (file is null))
        {
            throw new ArgumentException("give exactly one of --base64 and --file");
        }

        return base64 is not null ? Convert.FromBase64String(base64) : File.ReadAllBytes(file!);
    }

    private static (BigInteger Start, BigInteger End)? Range(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !BigInteger.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !BigInteger.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || start > end)
        {
            throw new ArgumentException($"--hash-range '{text}' must be START-END with decimal START <= END");
        }

        return (start, end);
    }
}
