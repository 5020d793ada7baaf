using Gateway.Components.Pages.Polls;
using Gateway.Conversations.Flows;

namespace Gateway.Tests.Console;

/// <summary>The console's poll form: each option's other words are the lexicon's, with what the author adds or takes away.</summary>
public sealed class PollFormSynonymSpecs
{
    private static readonly Lexicon Lexicon = FlowCatalog.Load(Path.Combine(AppContext.BaseDirectory, "flows")).Lexicon;

    private static PollForm Form(string? synonymsFr = null, string? synonymsDarija = null) => new()
    {
        Keyword = "PRIO",
        QuestionFr = "Quelle priorité ?",
        OptionsFr = "Eau\nRoutes\nUn autre projet",
        OptionsAr = "الماء\nالطرق\nمشروع آخر",
        SynonymsFr = synonymsFr,
        SynonymsAryLatn = synonymsDarija,
    };

    [Fact]
    public void Left_empty_every_option_takes_the_lexicons_words_when_the_poll_is_created()
    {
        var request = Form().ToRequest("casablanca", DateTimeOffset.UtcNow.AddDays(1), Lexicon);

        Assert.Null(request.Synonyms);
    }

    [Fact]
    public void A_line_adds_words_to_its_option_and_a_dash_takes_a_lexicon_word_away()
    {
        var request = Form(synonymsFr: "\nbitume, -rue", synonymsDarija: "\n-trq").ToRequest("casablanca", DateTimeOffset.UtcNow.AddDays(1), Lexicon);

        Assert.NotNull(request.Synonyms);
        Assert.Null(request.Synonyms[0]);
        var roads = request.Synonyms[1]!;
        Assert.Contains("bitume", roads["fr"]);
        Assert.Contains("route", roads["fr"]);
        Assert.DoesNotContain("rue", roads["fr"]);
        Assert.DoesNotContain("trq", roads["ary-Latn"]);
        Assert.Contains("triq", roads["ary-Latn"]);
        Assert.Contains("ⵉⴱⵔⵉⴷⵏ", roads["zgh"]);
        Assert.Null(request.Synonyms[2]);
    }

    [Fact]
    public void An_option_the_lexicon_does_not_know_gets_only_what_the_author_writes()
    {
        var form = Form(synonymsDarija: "\n\nmachrou3 akhor, chi haja khra");

        var words = form.SynonymsOf(2, form.OptionTexts()[2], Lexicon);

        Assert.Equal(["machrou3 akhor", "chi haja khra"], words["ary-Latn"]);
        Assert.Single(words);
    }
}
