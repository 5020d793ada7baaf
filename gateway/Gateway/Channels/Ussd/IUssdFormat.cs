namespace Gateway.Channels.Ussd;

/// <summary>
/// One aggregator's wire format: request → <see cref="UssdHop"/>, <see cref="UssdScreen"/> → response.
/// Session logic lives in <see cref="UssdSessionHandler"/>; a format only translates.
/// </summary>
public interface IUssdFormat
{
    /// <summary>The name routes refer to in configuration (<c>Ussd:&lt;route&gt;:Format</c>).</summary>
    string Name { get; }

    /// <param name="request">The request, for its headers (the body is already read).</param>
    /// <param name="body">The body, read within the route's size limit.</param>
    UssdParseResult Parse(HttpRequest request, byte[] body);

    /// <param name="request">The parsed request, for formats that echo request fields back.</param>
    IResult Render(UssdRequest request, UssdScreen screen);
}

/// <param name="Echo">Request fields the format must send back in its response (Arkesel's userID, msisdn...).</param>
public sealed record UssdRequest(UssdHop Hop, IReadOnlyDictionary<string, string> Echo);

/// <summary>A parsed request, or the field that made it invalid (answered with a 400 problem naming it).</summary>
public sealed record UssdParseResult(UssdRequest? Request, string? InvalidField, string? Detail)
{
    public static UssdParseResult Ok(UssdHop hop, IReadOnlyDictionary<string, string>? echo = null) =>
        new(new UssdRequest(hop, echo ?? new Dictionary<string, string>()), null, null);

    public static UssdParseResult Missing(string field) => new(null, field, $"The field '{field}' is required.");

    public static UssdParseResult Invalid(string field, string detail) => new(null, field, detail);
}

/// <summary>The registered formats by name; adding one is a class and a line in <see cref="UssdChannel"/>.</summary>
public sealed class UssdFormats(IEnumerable<IUssdFormat> formats)
{
    private readonly Dictionary<string, IUssdFormat> _byName = formats.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public bool TryGet(string name, out IUssdFormat format) => _byName.TryGetValue(name, out format!);
}
