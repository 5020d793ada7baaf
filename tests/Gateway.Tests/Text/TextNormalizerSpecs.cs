using Gateway.Text;

namespace Gateway.Tests.Text;

public class TextNormalizerSpecs
{
    [Theory]
    // Latin: case and accents
    [InlineData("OUI", "oui")]
    [InlineData("Réunion", "reunion")]
    [InlineData("ÉTÉ à Agadir", "ete a agadir")]
    [InlineData("Ça va", "ca va")]
    [InlineData("garçon", "garcon")]
    [InlineData("cœur", "coeur")]
    [InlineData("Œuvre", "oeuvre")]
    [InlineData("Straße", "strasse")]
    [InlineData("fête naïve où", "fete naive ou")]
    [InlineData("ÂÊÎÔÛ ÀÈÙ ËÏÜŸ", "aeiou aeu eiuy")]
    [InlineData("e\u0301cole", "ecole")]                // decomposed accent composes then folds
    [InlineData("Ｏｕｉ", "oui")]                        // fullwidth letters (NFKC)
    [InlineData("ﬁn", "fin")]                          // ligature (NFKC)
    // Arabic letter variants, each one
    [InlineData("أ", "ا")]
    [InlineData("إ", "ا")]
    [InlineData("آ", "ا")]
    [InlineData("ٱ", "ا")]
    [InlineData("مدرسة", "مدرسه")]                     // ta marbuta
    [InlineData("على", "علي")]                          // alef maqsura
    [InlineData("مؤسسة", "موسسه")]                     // hamza on waw
    [InlineData("رئيس", "رييس")]                        // hamza on yeh
    [InlineData("ماء", "ما")]                           // standalone hamza removed
    [InlineData("إلغاء", "الغا")]
    [InlineData("شكـــرا", "شكرا")]                     // tatweel removed
    [InlineData("مَدْرَسَةٌ", "مدرسه")]                    // harakat removed
    [InlineData("هٰذا", "هذا")]                         // superscript alef removed
    [InlineData("کتاب", "كتاب")]                        // Persian keheh
    [InlineData("یوم", "يوم")]                          // Persian yeh
    [InlineData("ﻻ", "لا")]                             // presentation-form ligature (NFKC)
    // Digits of every script
    [InlineData("٠١٢٣٤٥٦٧٨٩", "0123456789")]
    [InlineData("۰۱۲۳۴۵۶۷۸۹", "0123456789")]
    [InlineData("１２", "12")]
    // Tifinagh kept, joiner removed
    [InlineData("ⴰⵣⵓⵍ", "ⴰⵣⵓⵍ")]
    [InlineData("ⵜ\u2D7Fⵜ", "ⵜⵜ")]
    // Mixed scripts
    [InlineData("Salam سلام ⴰⵣⵓⵍ 3afak", "salam سلام ⴰⵣⵓⵍ 3afak")]
    [InlineData("Vote ٢ pour Écoles", "vote 2 pour ecoles")]
    // Punctuation and symbols become spaces
    [InlineData("oui!!!", "oui")]
    [InlineData("d'accord", "d accord")]
    [InlineData("نعم،شكرا؟", "نعم شكرا")]                // Arabic comma and question mark
    [InlineData("«Oui» — merci…", "oui merci")]
    [InlineData("ok👍", "ok")]
    [InlineData("1) eau, 2) route", "1 eau 2 route")]
    [InlineData("prix: 5€ + 10%", "prix 5 10")]
    // Whitespace collapsed and trimmed
    [InlineData("  oui   merci \t\n", "oui merci")]
    [InlineData("oui\u00A0\u202Fmerci", "oui merci")]
    [InlineData("o\u200Bui", "oui")]                    // zero-width space is invisible, not a separator
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("?!", "")]
    public void Normalize_folds_case_accents_arabic_variants_digits_and_punctuation(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_of_null_is_empty()
    {
        Assert.Equal("", TextNormalizer.Normalize(null));
    }

    [Fact]
    public void Normalize_returns_already_normalized_text_without_copying_it()
    {
        var input = "vote 2 pour la route";
        Assert.Same(input, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_treats_a_lone_surrogate_from_a_truncated_message_as_a_separator()
    {
        var truncated = "Oui " + "\uD83D" + "Merci\uDC4D";

        Assert.Equal("oui merci", TextNormalizer.Normalize(truncated));
    }

    [Fact]
    public void Normalize_keeps_supplementary_letters_and_drops_emoji()
    {
        Assert.Equal("𐌰 ok", TextNormalizer.Normalize("𐌰👍OK"));
    }

    [Fact]
    public void Normalize_does_not_allocate_for_text_that_is_already_normalized()
    {
        const string input = "vote 2 pour la route";
        TextNormalizer.Normalize(input); // warm up static tables

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) TextNormalizer.Normalize(input);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("oui merci", "oui")]
    [InlineData("avis", "avis")]
    [InlineData("", "")]
    public void FirstWord_is_the_text_before_the_first_space(string normalized, string expected)
    {
        Assert.Equal(expected, TextNormalizer.FirstWord(normalized));
    }

    [Fact]
    public void Normalize_handles_long_texts_beyond_the_stack_buffer()
    {
        var input = string.Concat(Enumerable.Repeat("Éco ", 500));
        var expected = string.Join(' ', Enumerable.Repeat("eco", 500));
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData(" 2 ", 2)]
    [InlineData("02", 2)]
    [InlineData("٣", 3)]
    [InlineData("۴", 4)]
    [InlineData("12", 12)]
    [InlineData("0", 0)]
    [InlineData("999999999", 999999999)]
    public void TryReadNumber_reads_a_whole_small_integer_in_any_digit_script(string text, int expected)
    {
        Assert.True(TextNormalizer.TryReadNumber(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("2a")]
    [InlineData("deux")]
    [InlineData("1 2")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("0612345678")]   // a phone number is not a menu answer
    public void TryReadNumber_rejects_anything_but_a_small_integer(string text)
    {
        Assert.False(TextNormalizer.TryReadNumber(text, out var value));
        Assert.Equal(0, value);
    }

    [Fact]
    public void TryReadNumber_reads_what_Normalize_folded_from_arabic_indic_digits()
    {
        Assert.True(TextNormalizer.TryReadNumber(TextNormalizer.Normalize(" ١٢ "), out var value));
        Assert.Equal(12, value);
    }
}
