using CnnPerf.Backends;
using CnnPerf.Models;

namespace CnnPerf.Verification;

/// <summary>
/// Checks that backends compute the same numbers: the same seeded random inputs go through a reference backend
/// and through each other backend, and the outputs are compared element by element.
/// </summary>
public static class BackendVerifier
{
    /// <summary>The default tolerance on the relative difference.</summary>
    public const double DefaultTolerance = 1e-4;

    /// <summary>Reads <paramref name="model"/> once, runs it on the reference and on every candidate and compares the outputs.</summary>
    /// <param name="model">The model.</param>
    /// <param name="reference">The backend whose outputs count as right (it must load and run the model).</param>
    /// <param name="candidates">The backends to check; one that is unavailable or fails gets a result with its error.</param>
    /// <param name="options">Threads and settings for every backend (settings are given only to the backends that know them: pass none to be safe).</param>
    /// <param name="inputCount">How many random inputs (seeds <paramref name="seed"/>, seed + 1, ...).</param>
    /// <param name="seed">The first input's seed.</param>
    /// <param name="tolerance">The largest relative difference counted as agreement.</param>
    /// <exception cref="CnnPerfException">The reference backend cannot run the model.</exception>
    public static VerificationReport Verify(
        ModelSource model,
        IInferenceBackend reference,
        IEnumerable<IInferenceBackend> candidates,
        BackendOptions options,
        int inputCount = 2,
        int seed = 1,
        double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        var backends = candidates.ToList();
        PreparedModel prepared;
        try
        {
            prepared = PreparedModel.Read(model, withWeights: reference.NeedsWeights || backends.Any(b => b.NeedsWeights));
        }
        catch (Onnx.OnnxModelException e)
        {
            throw new InferenceException(reference.Name, e);
        }
        List<Tensor> inputs;
        List<float[]> expected;
        using (var session = reference.Load(prepared, options))
        {
            inputs = Enumerable.Range(seed, inputCount).Select(s => Tensor.Random(session.InputShape, s)).ToList();
            expected = inputs.Select(input => RunOnce(session, input)).ToList();
        }
        var results = backends.Select(backend => Compare(backend, prepared, options, inputs, expected, tolerance)).ToList();
        return new VerificationReport(model.Name, reference.Name, tolerance, results);
    }

    private static BackendAgreement Compare(IInferenceBackend backend, PreparedModel model, BackendOptions options, List<Tensor> inputs, List<float[]> expected, double tolerance)
    {
        if (!backend.Availability.IsAvailable)
        {
            return Failed(backend, $"unavailable: {backend.Availability.Reason}");
        }
        try
        {
            using var session = backend.Load(model, options);
            if (!session.InputShape.Equals(inputs[0].Shape))
            {
                return Failed(backend, $"input shape {session.InputShape} differs from the reference's {inputs[0].Shape}");
            }
            OutputComparison? comparison = null;
            for (var i = 0; i < inputs.Count; i++)
            {
                var actual = RunOnce(session, inputs[i]);
                if (actual.Length != expected[i].Length)
                {
                    return Failed(backend, $"output has {actual.Length} elements ({session.OutputShape}), the reference's has {expected[i].Length}");
                }
                var current = OutputComparison.Compare(expected[i], actual);
                comparison = comparison is null ? current : comparison.Max(current);
            }
            return new BackendAgreement(backend.Name, comparison!.MaxAbsDiff, comparison.MaxRelDiff, comparison.IsWithin(tolerance));
        }
        catch (CnnPerfException e)
        {
            return Failed(backend, e.Message);
        }
    }

    private static float[] RunOnce(IInferenceSession session, Tensor input)
    {
        var output = new Tensor(session.OutputShape);
        session.Run(input, output);
        return output.Data;
    }

    private static BackendAgreement Failed(IInferenceBackend backend, string error) =>
        new(backend.Name, double.NaN, double.NaN, false, error);
}
