using CnnPerf.Analysis;

namespace CnnPerf.Modeling;

/// <summary>
/// How configurations are split into cross-validation folds: every distinct group is held out once while the model
/// is fitted on the others.
/// </summary>
/// <param name="Name">Short name used in reports, for example <c>leave-one-network-out</c>.</param>
/// <param name="GroupOf">The group of a row from its configuration and its index in the table.</param>
public sealed record CrossValidationScheme(string Name, Func<ConfigurationKey, int, string> GroupOf)
{
    /// <summary>Holds out every configuration of one network at a time: the error on a network never measured.</summary>
    public static CrossValidationScheme LeaveOneNetworkOut { get; } = new("leave-one-network-out", (key, _) => key.Model);

    /// <summary>Holds out every configuration of one backend at a time: the error on a framework never measured.</summary>
    public static CrossValidationScheme LeaveOneBackendOut { get; } = new("leave-one-backend-out", (key, _) => key.Backend);

    /// <summary>Deterministic k-fold: row i goes to fold i mod k.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 2.</exception>
    public static CrossValidationScheme KFold(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        return new CrossValidationScheme($"{k}-fold", (_, index) => (index % k).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
