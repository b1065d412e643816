namespace CnnPerf.Models;

/// <summary>A network the model zoo offers by name.</summary>
/// <param name="Name">The name, for example <c>resnet18</c>.</param>
/// <param name="Origin"><see cref="ModelOrigin.Zoo"/> for built networks, <see cref="ModelOrigin.NuGet"/> for packaged ones.</param>
/// <param name="Description">A one-line description of the architecture.</param>
public sealed record ZooModel(string Name, ModelOrigin Origin, string Description);
