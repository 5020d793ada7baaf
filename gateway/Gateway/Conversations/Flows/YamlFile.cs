using YamlDotNet.RepresentationModel;

namespace Gateway.Conversations.Flows;

/// <summary>A file of the flows folder parsed into its root mapping, or the problem that stops it (file, line, why).</summary>
internal static class YamlFile
{
    /// <param name="shape">What the file must be, said when its root is not a mapping.</param>
    public static YamlMappingNode? Root(string file, string yaml, string shape, out FlowProblem? problem)
    {
        var stream = new YamlStream();
        problem = null;
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlDotNet.Core.YamlException e)
        {
            problem = new FlowProblem(file, (int)e.Start.Line, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
        catch (InvalidOperationException e)
        {
            problem = new FlowProblem(file, 1, $"not valid YAML: {e.Message} (check brackets and quotes)");
            return null;
        }
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root) return root;
        problem = new FlowProblem(file, 1, shape);
        return null;
    }
}
