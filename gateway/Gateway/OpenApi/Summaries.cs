using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Gateway.OpenApi;

/// <summary>
/// A summary for an operation that declares none (<c>.WithSummary</c> or the handler's XML summary win): its tag and its
/// handler's name (<c>ChangeStatusAsync</c> under Feedback reads "Feedback: change status"), or its method and path for a
/// lambda. Linters and generated clients want one per operation.
/// </summary>
public static partial class Summaries
{
    public static string Derive(ApiDescription description, IEnumerable<string> tags)
    {
        var handler = description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault()?.Name;
        var tag = tags.FirstOrDefault();
        if (handler is null || handler.Contains('<') || tag is null) return $"{description.HttpMethod} /{description.RelativePath}";
        var words = Words().Replace(handler.EndsWith("Async", StringComparison.Ordinal) ? handler[..^5] : handler, " $1").Trim().ToLowerInvariant();
        return $"{tag}: {words}";
    }

    [GeneratedRegex("([A-Z])")]
    private static partial Regex Words();
}
