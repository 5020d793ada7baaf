using Gateway.Text;

namespace Gateway.Tests.Text;

public class FuzzySpecs
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("avis", "avis", 0)]
    [InlineData("avis", "avos", 1)]            // substitution
    [InlineData("avis", "aviss", 1)]           // insertion
    [InlineData("avis", "avs", 1)]             // deletion
    [InlineData("avis", "aivs", 1)]            // adjacent transposition is one edit
    [InlineData("ca", "abc", 3)]               // optimal string alignment, not unrestricted Damerau (2)
    [InlineData("kitten", "sitting", 3)]
    [InlineData("sondage", "snodaeg", 2)]
    [InlineData("شكاية", "شكايت", 1)]
    [InlineData("ⴰⵣⵓⵍ", "ⴰⵓⵣⵍ", 1)]
    public void Distance_is_the_optimal_string_alignment_distance(string a, string b, int expected)
    {
        Assert.Equal(expected, Fuzzy.Distance(a, b));
        Assert.Equal(expected, Fuzzy.Distance(b, a));
    }

    [Fact]
    public void Distance_works_for_texts_longer_than_the_stack_rows()
    {
        var a = new string('a', 300);
        var b = new string('a', 150) + "ba" + new string('a', 148);
        Assert.Equal(1, Fuzzy.Distance(a, b));
        Assert.Equal(300, Fuzzy.Distance(a, new string('b', 300)));
    }

    [Fact]
    public void Distance_and_IsKeywordMatch_do_not_allocate()
    {
        Fuzzy.Distance("sondage", "sodnage"); // warm up
        Fuzzy.Distance(new string('a', 100), new string('b', 100));
        var (longA, longB) = (new string('a', 100), new string('b', 100));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Fuzzy.Distance("sondage", "sodnage");
            Fuzzy.Distance(longA, longB); // rented rows come back to the pool
            Fuzzy.IsKeywordMatch("sondag", "sondage");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("avis", "avis", true)]
    [InlineData("stop", "stop", true)]
    [InlineData("avos", "avis", false)]        // 4-letter keyword needs an exact match
    [InlineData("stp", "stop", false)]
    [InlineData("sondage", "sondage", true)]
    [InlineData("sondag", "sondage", true)]    // deletion
    [InlineData("sondagee", "sondage", true)]  // insertion
    [InlineData("sindage", "sondage", true)]   // substitution
    [InlineData("sodnage", "sondage", true)]   // transposition
    [InlineData("sodnaeg", "sondage", false)]  // two edits
    [InlineData("sndag", "sondage", false)]
    [InlineData("aide", "aidez", false)]       // input under 5 letters needs an exact match
    [InlineData("arret", "arret", true)]
    [InlineData("arert", "arret", true)]
    [InlineData("mousahama", "mosahama", true)]
    [InlineData("شكايه", "شكايت", true)]
    public void IsKeywordMatch_is_exact_or_one_edit_for_keywords_of_five_letters_or_more(string input, string keyword, bool expected)
    {
        Assert.Equal(expected, Fuzzy.IsKeywordMatch(input, keyword));
    }
}
