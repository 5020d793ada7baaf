using System.Diagnostics;
using Gateway.Benchmarks.Http;
using Gateway.Channels.Twilio;
using Gateway.Text;
using Twilio.Security;
using Twilio.TwiML;

namespace Gateway.Benchmarks.Micro;

/// <summary>
/// In-process A/B of the hand-written Twilio pieces against the Twilio package (issue 27 item 7): the signature check
/// (TwilioSignature.IsValid vs Twilio.Security.RequestValidator) and the TwiML answer (TwiMLResult vs MessagingResponse),
/// plus PhoneNumbers.TryNormalize on the forms a webhook carries. Prints ns/op and bytes allocated per op, single thread.
/// </summary>
public static class TwilioPackageAB
{
    public const string Command = "twilio-ab";

    private const string AuthToken = "bench-auth-token-0123456789abcdef";

    public static Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 200_000;
        var url = "https://gateway.example.ma/webhooks/twilio";
        var form = TwilioRequests.Form("+212612345678", "ABONNER", "SM0123456789abcdef0123456789abcdef");
        var signature = TwilioSignature.Compute(AuthToken, url, form);
        var validator = new RequestValidator(AuthToken);
        var dictionary = form.ToDictionary(p => p.Key, p => p.Value);

        Console.WriteLine($"same verdict on a valid signature: hand-written {TwilioSignature.IsValid(AuthToken, signature, url, form)}, package {validator.Validate(url, dictionary, signature)}");
        Report("signature, hand-written (TwilioSignature.IsValid)", iterations, () => TwilioSignature.IsValid(AuthToken, signature, url, form));
        Report("signature, package (RequestValidator.Validate)", iterations, () => validator.Validate(url, form.ToDictionary(p => p.Key, p => p.Value), signature));

        string[] replies = ["Merci ! Votre signalement est enregistré (réf. 1234).", "شكرا! تم تسجيل بلاغكم & <رقم 1234>"];
        var ours = new TwiMLResult(replies).Render();
        var package = PackageTwiML(replies);
        Console.WriteLine($"TwiML, same wire output: {string.Equals(ours, package, StringComparison.Ordinal)}");
        Console.WriteLine($"  hand-written: {ours}");
        Console.WriteLine($"  package:      {package.Replace("\n", "\\n", StringComparison.Ordinal)}");
        Report("TwiML, hand-written (TwiMLResult.Render)", iterations, () => new TwiMLResult(replies).Render().Length > 0);
        Report("TwiML, package (MessagingResponse.ToString)", iterations, () => PackageTwiML(replies).Length > 0);

        Report("phone, TryNormalize(\"+212612345678\")", iterations, () => PhoneNumbers.TryNormalize("+212612345678", out _));
        Report("phone, TryNormalize(\"whatsapp:+33612345678\")", iterations, () => PhoneNumbers.TryNormalize("whatsapp:+33612345678", out _));
        return Task.FromResult(0);
    }

    private static string PackageTwiML(IEnumerable<string> replies)
    {
        var response = new MessagingResponse();
        foreach (var reply in replies) response.Message(reply);
        return response.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
    }

    private static void Report(string name, int iterations, Func<bool> step)
    {
        for (var i = 0; i < Math.Min(iterations, 20_000); i++) step(); // JIT and pools settle
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var ok = true;
        for (var i = 0; i < iterations; i++) ok &= step();
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"{name,-55} {clock.Elapsed.TotalNanoseconds / iterations,10:F0} ns/op {allocated / (double)iterations,8:F0} B/op{(ok ? "" : "  (returned false)")}");
    }
}
