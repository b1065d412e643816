using CnnPerf.Statistics;

namespace CnnPerf.Modeling;

/// <summary>
/// A layer-wise latency model in the spirit of PreVIous (Velasco-Montero et al., 2020), for one backend at one thread
/// count: a linear model per layer type on static layer features, fitted on measured layer times, whose predictions
/// are summed over the layers of a network. Types with too few measured layers, and types never measured, use a
/// pooled model fitted on every layer (listed in <see cref="Notes"/>). The layer sum is scaled by the ratio of
/// measured whole-network latency to predicted layer sum over the training networks, which accounts for the time
/// a framework spends outside its profiled layers.
/// </summary>
public sealed class LayerwiseModel
{
    private readonly Dictionary<string, RegressionFit> _typeModels;

    private LayerwiseModel(Dictionary<string, RegressionFit> typeModels, RegressionFit pooled, double calibration, IReadOnlyList<string> notes)
    {
        _typeModels = typeModels;
        PooledModel = pooled;
        CalibrationFactor = calibration;
        Notes = notes;
    }

    /// <summary>The per-type models, by layer type.</summary>
    public IReadOnlyDictionary<string, RegressionFit> TypeModels => _typeModels;

    /// <summary>The model fitted on every layer, used for sparse and unseen types.</summary>
    public RegressionFit PooledModel { get; }

    /// <summary>Measured network latency divided by predicted layer sum over the training networks (1 when none was given).</summary>
    public double CalibrationFactor { get; }

    /// <summary>What the training had to work around, for example the types that fell back to the pooled model.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Trains the per-type and pooled models.</summary>
    /// <param name="samples">Measured layers of one or more networks (one backend, one thread count).</param>
    /// <param name="measuredNetworkMilliseconds">Measured whole-network latency per network, for the calibration factor; optional.</param>
    /// <param name="options">Ridge penalty and the per-type sample minimum; <see cref="LayerwiseOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">No samples, or samples with different feature counts.</exception>
    public static LayerwiseModel Train(
        IReadOnlyList<LayerSample> samples, IReadOnlyDictionary<string, double>? measuredNetworkMilliseconds = null, LayerwiseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        options ??= LayerwiseOptions.Default;
        if (samples.Count == 0)
        {
            throw new ArgumentException("The layer-wise model needs at least one measured layer.", nameof(samples));
        }

        var notes = new List<string>();
        var pooled = Fit(samples, options.Lambda);
        var typeModels = new Dictionary<string, RegressionFit>(StringComparer.Ordinal);
        foreach (var type in samples.GroupBy(s => s.Layer.LayerType).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var count = type.Count();
            if (count < options.MinimumSamplesPerType)
            {
                notes.Add($"{type.Key}: {count} measured layer(s) < {options.MinimumSamplesPerType}, pooled model used");
                continue;
            }

            typeModels[type.Key] = Fit(type.ToList(), options.Lambda);
        }

        var model = new LayerwiseModel(typeModels, pooled, 1, notes);
        if (measuredNetworkMilliseconds is null)
        {
            return model;
        }

        var networks = samples.GroupBy(s => s.Model)
            .Where(g => measuredNetworkMilliseconds.TryGetValue(g.Key, out var ms) && double.IsFinite(ms) && ms > 0)
            .ToList();
        var predictedSum = networks.Sum(g => model.Predict(g.Select(s => s.Layer)).LayerSumMilliseconds);
        if (networks.Count == 0 || !(predictedSum > 0))
        {
            notes.Add("no measured network latency for calibration: layer sums are used as they are");
            return model;
        }

        var factor = networks.Sum(g => measuredNetworkMilliseconds[g.Key]) / predictedSum;
        return new LayerwiseModel(typeModels, pooled, factor, notes);
    }

    /// <summary>Predicts the latency of a network from its layers.</summary>
    /// <param name="layers">Every layer of the network, with the same features as the training samples.</param>
    public NetworkPrediction Predict(IEnumerable<LayerInput> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        double sum = 0;
        var count = 0;
        var pooledTypes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            if (!_typeModels.TryGetValue(layer.LayerType, out var fit))
            {
                fit = PooledModel;
                pooledTypes.Add(layer.LayerType);
            }

            sum += Math.Max(0, fit.Predict(layer.Features));
            count++;
        }

        return new NetworkPrediction(sum * CalibrationFactor, sum, count, pooledTypes.ToList());
    }

    private static RegressionFit Fit(IReadOnlyList<LayerSample> samples, double lambda)
        => LinearRegression.Ridge(
            samples.Select(s => s.Layer.Features.ToArray()).ToArray(),
            samples.Select(s => s.Milliseconds).ToArray(),
            lambda);
}
