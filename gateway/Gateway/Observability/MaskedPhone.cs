using Gateway.Text;

namespace Gateway.Observability;

/// <summary>
/// A phone number that logs masked. Phone numbers never go to logs in clear: pass <c>MaskedPhone.Of(e164)</c> as the
/// structured-log argument (<c>logger.LogInformation("Sent to {Phone}", MaskedPhone.Of(to))</c>) and the log shows
/// <see cref="PhoneNumbers.Mask"/>'s form. Log the pseudonymous contact id when a record must be traceable.
/// </summary>
public readonly record struct MaskedPhone(string? Value)
{
    public static MaskedPhone Of(string? e164) => new(e164);

    public override string ToString() => PhoneNumbers.Mask(Value);
}
