namespace Gateway.Tests.OpenApi;

/// <summary>
/// Real answers against the document: <see cref="Trust.AuthorizationMatrixSpecs"/> calls every endpoint as every kind of
/// caller and hands its answers here, so no second list of routes is kept. A status answered that the operation does not
/// document is a drift.
/// </summary>
public static class OpenApiAnswers
{
    public static async Task<List<string>> UndocumentedAsync(HttpClient http, IEnumerable<(string Key, int Status)> answers)
    {
        var operations = (await OpenApiDocument.FetchAsync(http)).Operations();
        List<string> undocumented = [];
        foreach (var group in answers.GroupBy(a => a.Key, a => a.Status))
        {
            var (key, statuses) = (group.Key, group.ToList());
            if (OpenApiDocument.ExclusionReason(key) is not null) continue;
            if (!operations.TryGetValue(OpenApiDocument.Normalize(key), out var operation))
            {
                undocumented.Add($"{key}: not in the document");
                continue;
            }
            var documented = OpenApiDocument.Statuses(operation);
            var answered = statuses.Distinct().Where(s => !documented.Contains(s)).Order().ToList();
            if (answered.Count > 0) undocumented.Add($"{key}: answered {string.Join(", ", answered)}, documents {string.Join(", ", documented.Order())}");
        }
        return undocumented;
    }
}
