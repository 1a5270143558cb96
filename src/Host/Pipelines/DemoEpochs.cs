using System.Globalization;
using System.Text.Json;

namespace Etl.Host.Pipelines;

/// <summary>
/// The event time of each demo feed's first record, fixed at the first start and remembered in the state folder, so
/// that a restarted feed regenerates exactly the records it generated before.
/// </summary>
internal static class DemoEpochs
{
    public static DateTimeOffset Get(string stateFolder, string feed, TimeProvider time)
    {
        Directory.CreateDirectory(stateFolder);
        var path = Path.Combine(stateFolder, $"demo-{feed}.epoch");
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stored))
            {
                return stored;
            }

            throw new InvalidDataException($"demo epoch file {path} holds '{text}', not a timestamp; delete it to start the feed afresh");
        }

        var now = time.GetUtcNow();
        var epoch = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(epoch).Trim('"'));
        File.Move(temp, path, overwrite: true);
        return epoch;
    }
}
