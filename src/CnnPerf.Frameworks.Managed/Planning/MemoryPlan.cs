namespace CnnPerf.Frameworks.Managed.Planning;

/// <summary>
/// Assigns activation values to a few reusable buffers from their liveness: a value's buffer returns to the
/// free list after the last layer that reads or writes it (aliases extend the life of their root; a root written
/// by several layers, such as a concatenation computed in place, takes its buffer at the first of them), and a
/// new value takes the smallest free buffer that fits (or grows the largest free one). The graph input and constants live
/// outside the buffers.
/// </summary>
internal sealed class MemoryPlan
{
    private MemoryPlan(int[] bufferOfRoot, long[] bufferSizes)
    {
        BufferOfRoot = bufferOfRoot;
        BufferSizes = bufferSizes;
    }

    /// <summary>The buffer of each root value id, or -1 for values outside the buffers.</summary>
    public IReadOnlyList<int> BufferOfRoot { get; }

    /// <summary>Floats of each buffer.</summary>
    public IReadOnlyList<long> BufferSizes { get; }

    /// <summary>Total floats of all buffers.</summary>
    public long TotalFloats => BufferSizes.Sum();

    /// <summary>Plans the buffers of <paramref name="plan"/>.</summary>
    public static MemoryPlan Create(GraphPlan plan)
    {
        var values = plan.Shapes.Count;
        var lastUse = new int[values];
        Array.Fill(lastUse, -1);
        for (var step = 0; step < plan.Layers.Count; step++)
        {
            foreach (var value in plan.Layers[step].Inputs.Append(plan.Layers[step].Output))
            {
                lastUse[plan.Roots[value]] = step;
            }
        }
        lastUse[plan.Roots[plan.Output]] = int.MaxValue;

        var bufferOfRoot = new int[values];
        Array.Fill(bufferOfRoot, -1);
        var sizes = new List<long>();
        var free = new List<int>();
        for (var step = 0; step < plan.Layers.Count; step++)
        {
            var layer = plan.Layers[step];
            var root = plan.Roots[layer.Output];
            long need = 1;
            foreach (var d in plan.Shapes[root])
            {
                need *= d;
            }
            if (bufferOfRoot[root] < 0)
            {
                bufferOfRoot[root] = Take(free, sizes, need);
            }
            foreach (var input in layer.Inputs.Append(layer.Output))
            {
                var r = plan.Roots[input];
                if (bufferOfRoot[r] >= 0 && lastUse[r] <= step && !free.Contains(bufferOfRoot[r]))
                {
                    free.Add(bufferOfRoot[r]);
                }
            }
        }
        return new MemoryPlan(bufferOfRoot, sizes.ToArray());
    }

    private static int Take(List<int> free, List<long> sizes, long need)
    {
        var best = -1;
        foreach (var candidate in free)
        {
            if (sizes[candidate] >= need && (best < 0 || sizes[candidate] < sizes[best]))
            {
                best = candidate;
            }
        }
        if (best < 0)
        {
            foreach (var candidate in free)
            {
                if (best < 0 || sizes[candidate] > sizes[best])
                {
                    best = candidate;
                }
            }
        }
        if (best < 0)
        {
            sizes.Add(need);
            return sizes.Count - 1;
        }
        free.Remove(best);
        sizes[best] = Math.Max(sizes[best], need);
        return best;
    }
}
