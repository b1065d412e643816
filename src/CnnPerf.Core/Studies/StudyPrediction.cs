using CnnPerf.Modeling;

namespace CnnPerf.Studies;

/// <summary>The layer-wise prediction of a network's latency (and energy) on a backend at a thread count.</summary>
/// <param name="Model">The network's name.</param>
/// <param name="Backend">The backend.</param>
/// <param name="Threads">The thread count.</param>
/// <param name="Latency">The predicted latency of one inference, with its layer sum and the types that used the pooled model.</param>
/// <param name="EnergyMillijoules">Predicted energy per inference in mJ; NaN when the store has no power for this backend and thread count.</param>
/// <param name="MeasuredMilliseconds">The network's measured mean latency there, when the store has it; NaN otherwise.</param>
/// <param name="TrainingNetworks">The networks whose layer timings trained the model.</param>
/// <param name="Notes">How the model was trained and what it had to work around.</param>
public sealed record StudyPrediction(
    string Model,
    string Backend,
    int Threads,
    NetworkPrediction Latency,
    double EnergyMillijoules,
    double MeasuredMilliseconds,
    IReadOnlyList<string> TrainingNetworks,
    IReadOnlyList<string> Notes);
