using Gateway.Conversations.Flows;

namespace Gateway.Feedback;

/// <summary>
/// The report categories: the options of the feedback flow's <c>category</c> question (flows/feedback.yaml), with their
/// names per language. They are the desk's filter values and the Open311 service codes.
/// </summary>
public sealed class FeedbackCategories
{
    public const string FlowId = "feedback";
    public const string Node = "category";

    public FeedbackCategories(FlowCatalog catalog)
    {
        var options = catalog.Find(FlowId)?.Nodes.GetValueOrDefault(Node)?.Options ?? [];
        All = options.Count > 0
            ? [.. options.Select(o => new Category(o.Value, o.Label))]
            : [new Category("other", LocalizedText.Of(("fr", "Autre"), ("ar", "أخرى")))];
    }

    public sealed record Category(string Code, LocalizedText Name);

    public IReadOnlyList<Category> All { get; }

    public IReadOnlyList<string> Codes => [.. All.Select(c => c.Code)];

    public Category? Find(string? code) => All.FirstOrDefault(c => c.Code == code);
}
