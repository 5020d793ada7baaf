using Gateway.Text;

namespace Gateway.Communes;

/// <summary>Configuration shape of one commune (section <c>Communes</c>, a list).</summary>
public sealed class CommuneOptions
{
    public string Id { get; set; } = "";
    public Dictionary<string, string> Name { get; set; } = [];
    public string Region { get; set; } = "";
    public string DefaultLanguage { get; set; } = "ar";
    public List<string> Numbers { get; set; } = [];
    public List<string> Keywords { get; set; } = [];
}

/// <summary>The communes loaded from configuration; finds a commune by the number a contact wrote to.</summary>
public sealed class CommuneRegistry
{
    private readonly Dictionary<string, Commune> _byId;
    private readonly Dictionary<string, Commune> _byNumber;

    public CommuneRegistry(IEnumerable<CommuneOptions> options)
    {
        All = options.Where(o => o.Id.Length > 0)
            .Select(o => new Commune(o.Id, new LocalizedText(o.Name), o.Region, o.DefaultLanguage, o.Numbers, o.Keywords))
            .ToList();
        _byId = All.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        _byNumber = new(StringComparer.OrdinalIgnoreCase);
        foreach (var commune in All)
            foreach (var number in commune.Numbers)
                _byNumber[NumberKey(number)] = commune;
    }

    public IReadOnlyList<Commune> All { get; }

    public Commune? Find(string? id) => id is null ? null : _byId.GetValueOrDefault(id);

    /// <summary>The commune owning the number, short code or USSD code <paramref name="to"/>, if any.</summary>
    public Commune? FindByNumber(string? to) => to is null ? null : _byNumber.GetValueOrDefault(NumberKey(to));

    private static string NumberKey(string number) =>
        PhoneNumbers.TryNormalize(number, out var e164) ? e164 : number.Trim().Replace("whatsapp:", "", StringComparison.OrdinalIgnoreCase);

    public static CommuneRegistry FromConfiguration(IConfiguration configuration) =>
        new(configuration.GetSection("Communes").Get<List<CommuneOptions>>() ?? []);
}
