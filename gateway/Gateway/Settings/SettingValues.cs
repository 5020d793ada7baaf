using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Gateway.Settings;

/// <summary>
/// Reads a section's values against the types of its options class before the binder does, so that
/// <c>Abuse__InboundPerPhone=abc</c> stops start-up with "Abuse:InboundPerPhone is 'abc': it must be a whole number."
/// rather than the binder's exception about a property. Keys the class does not have are left to the binder (ignored).
/// </summary>
public static class SettingValues
{
    public static void ThrowIfUnreadable<T>(IConfigurationSection section) where T : class
    {
        var problems = new List<string>();
        Check(section, typeof(T), problems);
        if (problems.Count > 0) throw new OptionsValidationException(Options.DefaultName, typeof(T), problems);
    }

    private static void Check(IConfigurationSection section, Type type, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not null) CheckValue(child, property.PropertyType, problems);
        }
    }

    private static void CheckValue(IConfigurationSection setting, Type type, List<string> problems)
    {
        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(scalar))
        {
            if (string.IsNullOrEmpty(setting.Value) || scalar == typeof(string)) return;
            if (!Converts(scalar, setting.Value))
                problems.Add($"{setting.Path} is '{setting.Value}': it must be {Describe(scalar)}.");
            return;
        }
        if (type.IsGenericType && type.GetGenericArguments() is { Length: 2 } pair && typeof(System.Collections.IDictionary).IsAssignableFrom(type))
        {
            foreach (var entry in setting.GetChildren()) CheckValue(entry, pair[1], problems);
            return;
        }
        if (type.IsGenericType && type.GetGenericArguments() is { Length: 1 } item && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            foreach (var entry in setting.GetChildren()) CheckValue(entry, item[0], problems);
            return;
        }
        if (type.IsClass) Check(setting, type, problems);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(TimeOnly) || type == typeof(DateTimeOffset) || type == typeof(Uri);

    private static bool Converts(Type type, string text)
    {
        try
        {
            // The binder converts with the same invariant-culture type converters.
            if (type.IsEnum) return Enum.TryParse(type, text, ignoreCase: true, out _);
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text) is not null;
        }
        catch (Exception)
        {
            // Converters throw FormatException, ArgumentException or NotSupportedException, sometimes wrapped: any is "unreadable".
            return false;
        }
    }

    /// <summary>A duration as it is written in configuration, without trailing zeros ("00:00:00.01", "1.00:00:00").</summary>
    public static string Show(TimeSpan duration)
    {
        var text = duration.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        return text.IndexOf('.', text.LastIndexOf(':')) > 0 ? text.TrimEnd('0') : text;
    }

    /// <summary>What may be written for a type, in the operator's words.</summary>
    public static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number (a dot for decimals, e.g. 0.9)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a duration such as 00:00:05 (hh:mm:ss) or 1.00:00:00 (one day)",
        _ when type == typeof(TimeOnly) => "a time of day such as 21:00",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ => $"a {type.Name}",
    };
}
