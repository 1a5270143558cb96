using System.Text.Json;

namespace Etl.Core.Text;

/// <summary>Tells whether bytes are one complete UTF-8 JSON document.</summary>
public static class JsonText
{
    public static bool IsDocument(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    // Decoding the string validates its UTF-8 and escapes.
                    _ = reader.GetString();
                }
            }

            return bytes[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).IsEmpty;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
