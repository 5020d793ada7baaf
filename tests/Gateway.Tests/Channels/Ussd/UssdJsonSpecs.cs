using System.Text;
using System.Text.Json;
using Gateway.Channels.Ussd;
using Gateway.Storage;

namespace Gateway.Tests.Channels.Ussd;

/// <summary>
/// The USSD session state has its own generated serializer (Storage names no channel type); like the store's, it must
/// write exactly what the reflection-based store options write, and read it back.
/// </summary>
public sealed class UssdJsonSpecs
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public void The_generated_serializer_writes_what_the_reflection_options_write_and_reads_it_back()
    {
        var state = new UssdSessionState { Pages = ["CON un", "CON deux"], Page = 1, Language = "ar", Closing = true, ServiceCode = "*123#", LastHop = 3, LastInput = "99", LastScreenText = "CON deux", LastScreenContinue = true, LastAt = At, StartedAt = At };
        var reflection = JsonSerializer.Serialize(state, StoreJson.Options);

        var generated = Encoding.UTF8.GetString(StoreJson.SerializeToUtf8Bytes(state, UssdJsonContext.Default.UssdSessionState));

        Assert.Equal(reflection, generated);
        var back = StoreJson.DeserializeUtf8(Encoding.UTF8.GetBytes(reflection), UssdJsonContext.Default.UssdSessionState);
        Assert.Equal(reflection, JsonSerializer.Serialize(back, StoreJson.Options));
    }
}
