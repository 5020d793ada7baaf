using System.Text;
using Gateway.Channels.Twilio;

namespace Gateway.Tests.Channels.Twilio;

/// <summary>The form the signature covers and the handler reads: decoded as ASP.NET's FormReader decodes it.</summary>
public sealed class TwilioFormSpecs
{
    [Fact]
    public void Pairs_keep_their_order_and_repeats_with_plus_and_percent_decoded()
    {
        var form = Parse("Body=Salam+%C3%A0+tous&Tag=zeta&From=%2B212612345678&Tag=alpha");

        Assert.Equal([new("Body", "Salam à tous"), new("Tag", "zeta"), new("From", "+212612345678"), new("Tag", "alpha")], form.Pairs);
        Assert.Equal("zeta", form["Tag"]);
        Assert.Null(form["tag"]);
    }

    [Fact]
    public void Empty_pieces_and_empty_names_are_skipped_and_a_bare_name_has_an_empty_value() =>
        Assert.Equal([new("a", "1"), new("flag", ""), new(" ", "x"), new("b", "")], Parse("&a=1&&flag&=skipped&+=x&b=&").Pairs);

    [Fact]
    public void Raw_utf8_and_malformed_escapes_are_kept_as_the_framework_decodes_them() =>
        Assert.Equal([new("Body", "مرحبا 100%"), new("From", "%ZZ%2")], Parse("Body=مرحبا+100%&From=%ZZ%2").Pairs);

    [Fact]
    public void An_empty_body_is_an_empty_form() => Assert.Empty(Parse("").Pairs);

    private static TwilioForm Parse(string body) => TwilioForm.Parse(Encoding.UTF8.GetBytes(body));
}
