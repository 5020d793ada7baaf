using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Gateway.Settings;

/// <summary>
/// Checks an options class's rules, walking nested settings (<c>Twilio:Retry</c>, <c>Alerts:CommuneQuietHours:&lt;commune&gt;</c>),
/// and says each failure as the operator writes it: the setting's configuration key, what is allowed, what it is.
/// </summary>
public sealed class SettingRules<T>(string section) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var problems = new List<string>();
        Check(options, section, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Check(object options, string path, List<string> problems)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0) continue;
            var key = $"{path}:{property.Name}";
            var value = property.GetValue(options);
            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
                problems.AddRange(Sentences(rule, key, value));
            if (IsNestedSettings(property.PropertyType) && value is not null) Check(value, key, problems);
            else if (value is IDictionary map && IsNestedSettings(property.PropertyType.GetGenericArguments().LastOrDefault()))
                foreach (DictionaryEntry entry in map)
                    if (entry.Value is not null) Check(entry.Value, $"{key}:{entry.Key}", problems);
        }
        if (options is IValidatableObject self)
            foreach (var result in self.Validate(new ValidationContext(options)))
                problems.Add(result.MemberNames.Any()
                    ? $"{string.Join(", ", result.MemberNames.Select(m => $"{path}:{m}"))}: {result.ErrorMessage}"
                    : $"{path}: {result.ErrorMessage}");
    }

    private static IEnumerable<string> Sentences(ValidationAttribute rule, string key, object? value) => rule switch
    {
        SettingRuleAttribute setting => setting.Failures(key, value).Select(f => $"{f.Key} must be {setting.Allowed}; it is {Show(f.Value)}."),
        RangeAttribute range when !range.IsValid(value) => [$"{key} must be between {Show(range.Minimum)} and {Show(range.Maximum)}; it is {Show(value)}."],
        RequiredAttribute required when !required.IsValid(value) => [$"{key} must be set."],
        _ when !rule.IsValid(value) => [$"{key}: {rule.FormatErrorMessage(key)} It is {Show(value)}."],
        _ => [],
    };

    /// <summary>A class of the gateway's own settings nested in another (ProviderRetryOptions, QuietHoursOptions).</summary>
    private static bool IsNestedSettings(Type? type) =>
        type is { IsClass: true } && type != typeof(string) && type.Namespace?.StartsWith("Gateway", StringComparison.Ordinal) == true;

    internal static string Show(object? value) => value switch
    {
        null => "not set",
        string text => $"'{text}'",
        TimeSpan span => SettingValues.Show(span),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
