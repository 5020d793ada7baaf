using System.Globalization;

namespace Gateway.Benchmarks.Http;

/// <summary>
/// A new Moroccan mobile number per walk, from a random starting point per run, so that every walk is a contact the
/// gateway has never seen (even against a Redis kept from earlier runs) and the stores grow as they would in the field.
/// </summary>
public sealed class Phones(string prefix)
{
    private readonly long _start = Random.Shared.NextInt64(0, 100_000_000);

    /// <summary>E.164, e.g. <c>+212612345678</c> for prefix "6".</summary>
    public string For(long walk) => "+212" + prefix + ((_start + walk) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>A short random run id for provider message and session ids.</summary>
    public static string RunId() => Random.Shared.NextInt64(0, 1L << 40).ToString("x10", CultureInfo.InvariantCulture);
}
