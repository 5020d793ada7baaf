using System.Text;
using Gateway.Channels.Twilio;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Channels.Twilio;

/// <summary>The TwiML written on the wire: twilio-node's MessagingResponse shape, escaped as xmlbuilder escapes text.</summary>
public sealed class TwiMLResultSpecs
{
    private const string Xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    [Theory]
    [InlineData("a & b < c > d", "a &amp; b &lt; c &gt; d")]
    [InlineData("line\r\nnext\ttab", "line&#xD;\nnext\ttab")]
    [InlineData("bell\u0007 nul\0 \uFFFE\uFFFF end", "bell nul  end")]
    [InlineData("مرحبا \uE000\uFFFD", "مرحبا \uE000\uFFFD")]
    public void Text_is_escaped_and_characters_xml_cannot_carry_are_dropped(string text, string escaped) =>
        Assert.Equal(Xml + "<Response><Message>" + escaped + "</Message></Response>", new TwiMLResult([text]).Render());

    // Not as InlineData: attribute strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
    [Fact]
    public void A_surrogate_pair_is_kept_and_a_lone_surrogate_dropped() =>
        Assert.Equal(Xml + "<Response><Message>emoji 😀, lone  and </Message></Response>",
            new TwiMLResult(["emoji \uD83D\uDE00, lone \uD83D and \uDE00"]).Render());

    [Fact]
    public async Task The_response_is_utf8_xml_with_its_exact_length()
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;

        await new TwiMLResult(["Salam & bienvenue", "شكرا"]).ExecuteAsync(context);

        var expected = Xml + "<Response><Message>Salam &amp; bienvenue</Message><Message>شكرا</Message></Response>";
        Assert.Equal(expected, Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal(body.Length, context.Response.ContentLength);
        Assert.Equal(TwiMLResult.MediaType, context.Response.ContentType);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public void Nothing_to_say_is_an_empty_response() => Assert.Equal(Xml + "<Response/>", new TwiMLResult([]).Render());
}
