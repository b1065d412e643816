namespace CnnPerf.Onnx;

/// <summary>A graph input or output as the file declares it: name, element type and dimensions.</summary>
/// <param name="Name">The value's name.</param>
/// <param name="ElementType">The declared element type (<see cref="OnnxElementType.Undefined"/> when not given).</param>
/// <param name="Dimensions">The declared dimensions; null when the file declares no shape.</param>
public sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<OnnxDimension>? Dimensions)
{
    internal static OnnxValueInfo From(ValueInfoProto proto)
    {
        var tensor = proto.Type?.TensorType;
        var dimensions = tensor?.Shape?.Dim.Select(d => d.ValueCase switch
        {
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => new OnnxDimension(d.DimValue, null),
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => new OnnxDimension(null, d.DimParam),
            _ => new OnnxDimension(null, null),
        }).ToArray();
        return new OnnxValueInfo(proto.Name, (OnnxElementType)(tensor?.ElemType ?? 0), dimensions);
    }

    internal ValueInfoProto ToProto()
    {
        var type = new TypeProto.Types.Tensor { ElemType = (int)ElementType };
        if (Dimensions is not null)
        {
            type.Shape = new TensorShapeProto();
            type.Shape.Dim.AddRange(Dimensions.Select(d => d.Value is { } v
                ? new TensorShapeProto.Types.Dimension { DimValue = v }
                : d.Symbol is { } s ? new TensorShapeProto.Types.Dimension { DimParam = s } : new TensorShapeProto.Types.Dimension()));
        }
        return new ValueInfoProto { Name = Name, Type = new TypeProto { TensorType = type } };
    }

    /// <summary>The declaration as text, for example <c>input Float [N,3,224,224]</c>.</summary>
    public override string ToString() => $"{Name} {ElementType} {(Dimensions is null ? "(no shape)" : "[" + string.Join(",", Dimensions) + "]")}";
}
