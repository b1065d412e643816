namespace CnnPerf.Onnx;

/// <summary>What an ONNX node attribute holds.</summary>
public enum OnnxAttributeKind
{
    /// <summary>A kind CnnPerf does not read (a graph, sparse tensors, lists of strings or tensors).</summary>
    Other,
    /// <summary>One 64-bit integer.</summary>
    Int,
    /// <summary>One float.</summary>
    Float,
    /// <summary>A string.</summary>
    String,
    /// <summary>A list of 64-bit integers.</summary>
    Ints,
    /// <summary>A list of floats.</summary>
    Floats,
    /// <summary>A tensor.</summary>
    Tensor,
}
