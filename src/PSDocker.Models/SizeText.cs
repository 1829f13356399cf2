using System.Globalization;

namespace PSDocker;

/// <summary>Byte counts as the docker CLI prints them, for the format views (<c>[PSDocker.SizeText]::Decimal($_.Size)</c>).</summary>
public static class SizeText
{
    private static readonly string[] DecimalUnits = { "B", "kB", "MB", "GB", "TB", "PB" };
    private static readonly string[] BinaryUnits = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };

    /// <summary>Powers of 1000 with up to 4 significant digits (<c>1.983MB</c>), as <c>docker system df</c> and the I/O columns of <c>docker stats</c>.</summary>
    public static string Decimal(long bytes) => Format(bytes, 1000, DecimalUnits);

    /// <summary>Powers of 1024 (<c>328KiB</c>, <c>23.54GiB</c>), as the memory columns of <c>docker stats</c>.</summary>
    public static string Binary(long bytes) => Format(bytes, 1024, BinaryUnits);

    private static string Format(long bytes, double step, string[] units)
    {
        double value = bytes;
        int i = 0;
        while (Math.Abs(value) >= step && i < units.Length - 1)
        {
            value /= step;
            i++;
        }
        // Four significant digits, as Go's %.4g in the CLI's units package: 1.983MB, 409.6kB, 23.54GiB.
        return value.ToString("G4", CultureInfo.InvariantCulture) + units[i];
    }
}
