using System.Globalization;
using System.Text;
using Etl.Core.Columns;
using Etl.Core.Contracts;
using Etl.Core.Records;

namespace Etl.Batching.Tests.Support;

/// <summary>Decodes "id,epochMillis" records into (id bigint, ts timestamp); anything else is a schema violation.</summary>
internal sealed class CsvLikeDecoder : IRecordDecoder
{
    public static readonly TableSchema Schema = new([
        new ColumnField("id", ColumnType.Int64, false),
        new ColumnField("ts", ColumnType.Timestamp, false),
    ]);

    public static readonly SchemaVersionRef Version = new("events", 1, Guid.Parse("11111111-2222-3333-4444-555555555555"));

    public DecodeResult Decode(SourceRecord record)
    {
        var text = Encoding.UTF8.GetString(record.Data.Span);
        var parts = text.Split(',');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return DecodeResult.Failure(DeadLetterKind.SchemaViolation, $"'{text}' is not id,epochMillis", "$", "pattern");
        }

        return DecodeResult.Success(new DecodedRecord(Version, Schema, [id, DateTimeOffset.FromUnixTimeMilliseconds(millis)], record));
    }
}
