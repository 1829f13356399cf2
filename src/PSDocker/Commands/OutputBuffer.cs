using System.Threading.Channels;

namespace PSDocker.Commands;

/// <summary>
/// The buffer between a container's output, read off the pipeline thread, and the pipeline that writes it. It is bounded:
/// when the pipeline consumes slower than the container prints, the reader waits, the connection's buffers fill, and the
/// container's writes wait (as with <c>docker attach</c> to a slow terminal), instead of the output piling up in memory.
/// </summary>
internal static class OutputBuffer
{
    /// <summary>Lines held at most per container session (a few hundred KB of typical output).</summary>
    public const int Capacity = 1024;

    public static Channel<ContainerLogLine> Create()
        => Channel.CreateBounded<ContainerLogLine>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
}
