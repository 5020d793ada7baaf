using Gateway.OpenApi;

namespace Gateway.Polls;

/// <summary>
/// The body of <c>PUT /api/polls/{id}</c>: the poll's texts and closing time as they should be, until its first real vote
/// (votes sent from the simulator do not count). The keyword, the commune and the number of options stay as created.
/// </summary>
/// <param name="Synonyms">As in <see cref="CreatePollRequest.Synonyms"/>; left out, the lexicon's words for the new labels.</param>
/// <param name="Audience">As in <see cref="CreatePollRequest.Audience"/>; left out (null), the poll is for everyone.</param>
[OpenApiShape("question", "options", "closesAt", Example = """
    {
      "question": { "fr": "Quel projet pour le quartier Talborjt ?", "ar": "ما هو المشروع الذي تفضلونه لحي تالبرجت؟" },
      "options": [ { "fr": "Un parc", "ar": "حديقة" }, { "fr": "Un terrain de sport", "ar": "ملعب رياضي" } ],
      "closesAt": "2027-01-15T18:00:00+01:00"
    }
    """)]
public sealed record EditPollRequest(
    Dictionary<string, string>? Question,
    List<Dictionary<string, string>>? Options,
    DateTimeOffset? ClosesAt,
    List<Dictionary<string, List<string>>?>? Synonyms = null,
    Audience.PollAudience? Audience = null);
