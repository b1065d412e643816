namespace CnnPerf.Native.Power.Serial;

/// <summary>The RDTech USB meters that speak the UM protocol. The values are the model ids each frame starts with.</summary>
public enum UmModel
{
    /// <summary>UM24C: 10 mV / 1 mA resolution, up to 3 A.</summary>
    Um24C = 0x0963,
    /// <summary>UM25C: 1 mV / 0.1 mA resolution, up to 5 A.</summary>
    Um25C = 0x09C9,
    /// <summary>UM34C: 10 mV / 1 mA resolution, up to 4 A.</summary>
    Um34C = 0x0D4C,
}
