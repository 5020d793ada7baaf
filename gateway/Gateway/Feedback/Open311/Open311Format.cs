using System.Globalization;
using System.Text;
using System.Xml;

namespace Gateway.Feedback.Open311;

/// <summary>
/// Writes GeoReport v2 documents (https://wiki.open311.org/GeoReport_v2) as JSON or XML from one neutral shape: a list
/// of records whose fields keep the spec's names and order. XML is what the spec requires; JSON what most tools read.
/// UTF-8 everywhere, dates ISO 8601 with their offset, the XML declaration with its encoding, as the spec asks.
/// </summary>
public static class Open311Format
{
    public const string Json = "json";
    public const string Xml = "xml";

    public static bool IsKnown(string? format) => format is Json or Xml;

    /// <summary>One record: (field, value) in the spec's order; null values are written empty in XML and null in JSON.</summary>
    public sealed class Record : List<(string Field, object? Value)>
    {
        public Record Add(string field, object? value)
        {
            base.Add((field, value));
            return this;
        }
    }

    public static IResult Write(string format, string root, string element, IEnumerable<Record> records, int status = 200) =>
        format == Xml
            ? Results.Text(WriteXml(root, element, records), "text/xml; charset=utf-8", Encoding.UTF8, status)
            : Results.Text(WriteJson(records), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>One document that is an object, not a list (discovery): a JSON object, or the root element's fields.</summary>
    public static IResult WriteObject(string format, string root, Record record)
    {
        if (format == Xml)
        {
            var xml = WriteXml("_", root, [record]);
            // The list writer wraps records in a root; here the record is the root.
            xml = xml.Replace("<_>", "", StringComparison.Ordinal).Replace("</_>", "", StringComparison.Ordinal);
            return Results.Text(xml, "text/xml; charset=utf-8", Encoding.UTF8);
        }
        var json = WriteJson([record]);
        return Results.Text(json[1..^1], "application/json; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>An error list (<c>[{code, description}]</c> / <c>&lt;errors&gt;&lt;error&gt;</c>) with the same HTTP status.</summary>
    public static IResult Error(string format, int status, string description) =>
        Write(format, "errors", "error", [new Record().Add("code", status).Add("description", description)], status);

    private static string WriteXml(string root, string element, IEnumerable<Record> records)
    {
        var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root);
            foreach (var record in records)
            {
                xml.WriteStartElement(element);
                foreach (var (field, value) in record) WriteXmlValue(xml, field, value);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static void WriteXmlValue(XmlWriter xml, string field, object? value)
    {
        if (value is IEnumerable<Record> nested)
        {
            xml.WriteStartElement(field);
            foreach (var item in nested)
            {
                xml.WriteStartElement(field.TrimEnd('s'));
                foreach (var (f, v) in item) WriteXmlValue(xml, f, v);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        else if (value is IEnumerable<string> list)
        {
            xml.WriteStartElement(field);
            foreach (var item in list) xml.WriteElementString(field.TrimEnd('s'), XmlSafe(item));
            xml.WriteEndElement();
        }
        else xml.WriteElementString(field, XmlSafe(Text(value)));
    }

    /// <summary>
    /// The text with what XML 1.0 cannot carry (control characters, a lone surrogate: from an SMS or a hostile query) as
    /// U+FFFD, so that a citizen's odd character or an attacker's <c>%00</c> never turns an answer into a 500.
    /// </summary>
    private static string XmlSafe(string text)
    {
        var builder = (StringBuilder?)null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair || XmlConvert.IsXmlChar(c))
            {
                builder?.Append(c);
                if (pair) builder?.Append(text[++i]);
                continue;
            }
            builder ??= new StringBuilder(text, 0, i, text.Length);
            builder.Append('\uFFFD');
        }
        return builder?.ToString() ?? text;
    }

    private static string WriteJson(IEnumerable<Record> records)
    {
        using var output = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(output, new System.Text.Json.JsonWriterOptions
               { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var record in records) WriteJsonRecord(json, record);
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static void WriteJsonRecord(System.Text.Json.Utf8JsonWriter json, Record record)
    {
        json.WriteStartObject();
        foreach (var (field, value) in record)
        {
            json.WritePropertyName(field);
            switch (value)
            {
                case null: json.WriteNullValue(); break;
                case bool b: json.WriteBooleanValue(b); break;
                case int i: json.WriteNumberValue(i); break;
                case double d: json.WriteNumberValue(d); break;
                case IEnumerable<Record> nested:
                    json.WriteStartArray();
                    foreach (var item in nested) WriteJsonRecord(json, item);
                    json.WriteEndArray();
                    break;
                case IEnumerable<string> list:
                    json.WriteStartArray();
                    foreach (var item in list) json.WriteStringValue(item);
                    json.WriteEndArray();
                    break;
                default: json.WriteStringValue(Text(value)); break;
            }
        }
        json.WriteEndObject();
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
