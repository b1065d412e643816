using System.Text.Json;
using System.Text.Json.Serialization;
using CnnPerf.Backends;

namespace CnnPerf.Running;

/// <summary>
/// The JSON form of configurations and results, as the host and the worker process exchange them
/// (snake_case keys, enums as strings, NaN allowed).
/// </summary>
public static class RunJson
{
    /// <summary>The serializer settings.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new BackendOptionsConverter() },
    };

    /// <summary>Serializes a configuration.</summary>
    public static string Serialize(RunConfiguration configuration) => JsonSerializer.Serialize(configuration, Options);

    /// <summary>Serializes a result.</summary>
    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>Reads a configuration.</summary>
    /// <exception cref="ConfigurationException">The text is not a configuration.</exception>
    public static RunConfiguration DeserializeConfiguration(string json) =>
        Deserialize<RunConfiguration>(json, "configuration");

    /// <summary>Reads a result.</summary>
    /// <exception cref="ConfigurationException">The text is not a result.</exception>
    public static RunResult DeserializeResult(string json) => Deserialize<RunResult>(json, "result");

    private static T Deserialize<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new ConfigurationException($"the {what} JSON is null");
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"the {what} JSON is invalid: {e.Message}");
        }
    }

    private sealed class BackendOptionsConverter : JsonConverter<BackendOptions>
    {
        public override BackendOptions Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var form = JsonSerializer.Deserialize<Form>(ref reader, options) ?? throw new JsonException("backend options are null");
            return new BackendOptions(form.Threads, form.Settings ?? new Dictionary<string, string>());
        }

        public override void Write(Utf8JsonWriter writer, BackendOptions value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new Form(value.Threads, new Dictionary<string, string>(value.Settings)), options);

        private sealed record Form(int Threads, Dictionary<string, string>? Settings);
    }
}
