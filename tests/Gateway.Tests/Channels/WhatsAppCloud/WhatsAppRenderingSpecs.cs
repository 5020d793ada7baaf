using Gateway.Channels;
using Gateway.Conversations;

namespace Gateway.Tests.Channels.WhatsAppCloud;

/// <summary>How a reply is shaped within Meta's limits (buttons ≤3 × 20 chars, list ≤10 rows × 24 chars).</summary>
public sealed class WhatsAppRenderingSpecs
{
    private static Reply Ask(string language, params string[] labels) =>
        new("Choisissez", [.. labels.Select((l, i) => new ReplyOption((i + 1).ToString(), l))], language);

    [Fact]
    public void A_button_title_over_20_characters_turns_the_reply_into_a_list()
    {
        var rendered = WhatsAppRendering.Render(Ask("fr", "Oui", "Non", "Je ne sais pas encore vraiment"));

        Assert.IsType<WhatsAppList>(rendered);
    }

    [Fact]
    public void Duplicate_button_titles_turn_the_reply_into_a_list()
    {
        Assert.IsType<WhatsAppList>(WhatsAppRendering.Render(Ask("fr", "Oui", "Oui")));
    }

    [Fact]
    public void Long_row_titles_are_cut_with_an_ellipsis_and_kept_whole_in_the_description()
    {
        var list = Assert.IsType<WhatsAppList>(WhatsAppRendering.Render(Ask("fr", "Éclairage public et signalisation routière", "Eau", "Déchets", "Voirie")));

        var row = list.Rows[0];
        Assert.Equal("Éclairage public et sig…", row.Title);
        Assert.Equal(24, row.Title.Length);
        Assert.Equal("Éclairage public et signalisation routière", row.Description);
        Assert.Null(list.Rows[1].Description);
    }

    [Fact]
    public void Truncation_never_splits_an_emoji()
    {
        var cut = WhatsAppRendering.Truncate(new string('a', 22) + "👍👍👍", 24);

        Assert.Equal(new string('a', 22) + "👍…", cut);
    }

    [Theory]
    [InlineData("fr", "Choisir")]
    [InlineData("ar", "اختر")]
    [InlineData("zgh", "ⴼⵔⵏ")]
    [InlineData("zgh-Latn", "Fren")]
    [InlineData("shi-Latn", "Fren")]
    public void The_list_button_speaks_the_replys_language(string language, string label) =>
        Assert.Equal(label, WhatsAppRendering.ListButtonLabel(language));

    [Fact]
    public void Template_parameter_is_one_line()
    {
        var parameter = WhatsAppRendering.TemplateParameter(new Reply("Vote:\n\tla réunion", [new("1", "Oui"), new("2", "Non")], "fr"));

        Assert.Equal("Vote: · la réunion · 1. Oui · 2. Non", parameter);
    }
}
