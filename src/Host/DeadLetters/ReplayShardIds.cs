using System.Security.Cryptography;
using System.Text;

namespace Etl.Host.DeadLetters;

/// <summary>
/// Names used by dead-letter replay: the shard a dead-letter object is replayed as, and the folder that records
/// still invalid after a replay go to.
/// </summary>
internal static class ReplayShardIds
{
    /// <summary>The prefix of every replay shard id.</summary>
    public const string Prefix = "dlq-";

    /// <summary>
    /// The shard a dead-letter object is replayed as: "dlq-" and the first 16 hex digits of the SHA-256 of its key.
    /// The same key always gives the same shard, so the shard's state tells whether the object was replayed.
    /// </summary>
    public static string ForKey(string objectKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectKey);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(objectKey), hash);
        return Prefix + Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>
    /// The folder (under the table's dead-letter prefix) that a replay with schema version <paramref name="version"/>
    /// writes still-invalid records to, e.g. <c>replay-v3</c>.
    /// </summary>
    public static string ReplayFolder(int version) => "replay-v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
