using CnnPerf.Frameworks.Tests.TestModels.Caffe;
using CnnPerf.Models;
using Google.Protobuf;

namespace CnnPerf.Frameworks.Tests.TestModels;

/// <summary>
/// A Caffe network written as prototxt text plus a .caffemodel with chosen weights: a 1x1x3x3 input, a 2x2
/// convolution with two filters (bottom-right minus top-left + 0.25; half the window sum - 6), then ReLU.
/// </summary>
internal static class TinyCaffeModel
{
    /// <summary>The input, row-major.</summary>
    public static readonly float[] Input = [1, 2, 3, 4, 5, 6, 7, 8, 10];

    /// <summary>The output for <see cref="Input"/>, worked out by hand (filter 0: 5-1, 6-2, 8-4, 10-5 plus 0.25; filter 1: 0.5*(1+2+4+5)-6 = 0, 2, 6, 8.5).</summary>
    public static readonly float[] ExpectedOutput = [4.25f, 4.25f, 4.25f, 5.25f, 0f, 2f, 6f, 8.5f];

    private const string Prototxt = """
        name: "tiny_caffe"
        input: "data"
        input_shape { dim: 1 dim: 1 dim: 3 dim: 3 }
        layer {
          name: "conv1"
          type: "Convolution"
          bottom: "data"
          top: "conv1"
          convolution_param { num_output: 2 kernel_size: 2 }
        }
        layer {
          name: "relu1"
          type: "ReLU"
          bottom: "conv1"
          top: "conv1"
        }
        """;

    /// <summary>Writes tiny_caffe.prototxt and tiny_caffe.caffemodel into <paramref name="directory"/>.</summary>
    public static ModelSource Write(string directory)
    {
        var prototxt = Path.Combine(directory, "tiny_caffe.prototxt");
        var caffemodel = Path.Combine(directory, "tiny_caffe.caffemodel");
        File.WriteAllText(prototxt, Prototxt);
        var conv = new LayerParameter { Name = "conv1", Type = "Convolution" };
        conv.Bottom.Add("data");
        conv.Top.Add("conv1");
        conv.Blobs.Add(Blob([2, 1, 2, 2], [-1, 0, 0, 1, 0.5f, 0.5f, 0.5f, 0.5f]));
        conv.Blobs.Add(Blob([2], [0.25f, -6f]));
        var net = new NetParameter { Name = "tiny_caffe" };
        net.Layer.Add(conv);
        File.WriteAllBytes(caffemodel, net.ToByteArray());
        return ModelSource.FromCaffe(prototxt, caffemodel);
    }

    private static BlobProto Blob(long[] shape, float[] data)
    {
        var blob = new BlobProto { Shape = new BlobShape() };
        blob.Shape.Dim.Add(shape);
        blob.Data.Add(data);
        return blob;
    }
}
