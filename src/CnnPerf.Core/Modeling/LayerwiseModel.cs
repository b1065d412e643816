using CnnPerf.Statistics;

namespace CnnPerf.Modeling;

/// <summary>
/// A layer-wise latency model in the spirit of PreVIous (Velasco-Montero et al., 2020), for one backend at one thread
/// count: a linear model per layer type on static layer features, fitted on measured layer times, whose predictions
/// are summed over the layers of a network. A type with few measured layers gets a model on its single most
/// correlated feature; a type with fewer still, or never measured, uses a pooled model fitted on every layer (both
/// listed in <see cref="Notes"/>). The layer sum is scaled by the ratio of
/// measured whole-network latency to predicted layer sum over the training networks, which accounts for the time
/// a framework spends outside its profiled layers.
/// </summary>
public sealed class LayerwiseModel
{
    private readonly Dictionary<string, LayerTypeModel> _typeModels;

    private LayerwiseModel(Dictionary<string, LayerTypeModel> typeModels, LayerTypeModel pooled, double calibration, IReadOnlyList<string> notes)
    {
        _typeModels = typeModels;
        PooledModel = pooled;
        CalibrationFactor = calibration;
        Notes = notes;
    }

    /// <summary>The per-type models, by layer type.</summary>
    public IReadOnlyDictionary<string, LayerTypeModel> TypeModels => _typeModels;

    /// <summary>The model fitted on every layer, used for sparse and unseen types.</summary>
    public LayerTypeModel PooledModel { get; }

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
        var pooled = Fit("pooled", samples, AllFeatures(samples), options.Lambda);
        var typeModels = new Dictionary<string, LayerTypeModel>(StringComparer.Ordinal);
        foreach (var type in samples.GroupBy(s => s.Layer.LayerType).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ofType = type.ToList();
            if (ofType.Count >= options.MinimumSamplesPerType)
            {
                typeModels[type.Key] = Fit(type.Key, ofType, AllFeatures(ofType), options.Lambda);
            }
            else if (ofType.Count >= options.MinimumSamplesForOneFeature && MostCorrelatedFeature(ofType) is { } feature)
            {
                typeModels[type.Key] = Fit(type.Key, ofType, [feature], options.Lambda);
                notes.Add($"{type.Key}: {ofType.Count} measured layer(s) < {options.MinimumSamplesPerType}, model on one feature ({FeatureName(feature, ofType)})");
            }
            else
            {
                notes.Add($"{type.Key}: {ofType.Count} measured layer(s), pooled model used");
            }
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
            if (!_typeModels.TryGetValue(layer.LayerType, out var model))
            {
                model = PooledModel;
                pooledTypes.Add(layer.LayerType);
            }

            sum += model.Predict(layer.Features);
            count++;
        }

        return new NetworkPrediction(sum * CalibrationFactor, sum, count, pooledTypes.ToList());
    }

    private static LayerTypeModel Fit(string type, IReadOnlyList<LayerSample> samples, int[] features, double lambda)
        => new(
            type,
            features,
            LinearRegression.Ridge(
                samples.Select(s => features.Select(f => s.Layer.Features[f]).ToArray()).ToArray(),
                samples.Select(s => s.Milliseconds).ToArray(),
                lambda),
            samples.Count);

    private static int[] AllFeatures(IReadOnlyList<LayerSample> samples) => Enumerable.Range(0, samples[0].Layer.Features.Count).ToArray();

    private static int? MostCorrelatedFeature(IReadOnlyList<LayerSample> samples)
    {
        var times = samples.Select(s => s.Milliseconds).ToArray();
        return AllFeatures(samples)
            .Select(f => (Feature: f, R: Math.Abs(Correlation.Pearson(samples.Select(s => s.Layer.Features[f]).ToArray(), times).R)))
            .Where(c => !double.IsNaN(c.R))
            .OrderByDescending(c => c.R)
            .Select(c => (int?)c.Feature)
            .FirstOrDefault();
    }

    private static string FeatureName(int feature, IReadOnlyList<LayerSample> samples)
        => samples[0].Layer.Features.Count == LayerFeatureVector.Names.Count ? LayerFeatureVector.Names[feature] : $"feature {feature}";
}
