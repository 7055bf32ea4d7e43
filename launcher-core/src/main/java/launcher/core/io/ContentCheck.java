package launcher.core.io;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The size and two checksums of a file's bytes: CRC-32C and CRC-32. Their polynomials have no
 * common factor. So the pair misses a change of the same size only when the change, read as a
 * polynomial, is a multiple of their product, which has degree 64. A change within 64 adjacent
 * bits is therefore always found, and a random change is missed with a probability of about
 * 2^-64. The JDK computes both with CPU instructions where
 * the CPU has them. Neither is a cryptographic hash, so a process that means to can write other
 * bytes with the same checks.
 *
 * @param size the number of bytes
 * @param crc32c the CRC-32C of the bytes
 * @param crc32 the CRC-32 of the bytes
 */
public record ContentCheck(long size, int crc32c, int crc32) {

    /** Returns the check of {@code content}. */
    public static ContentCheck of(byte[] content) {
        Accumulator accumulator = new Accumulator();
        accumulator.update(ByteBuffer.wrap(content));
        return accumulator.result();
    }

    /**
     * Compares the three components, as the generated method would. It is written out because
     * the generated one links an invokedynamic call site on its first call, which the AOT cache
     * does not hold and which cost a launch about 5 ms (JDK 25).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ContentCheck check
                && size == check.size
                && crc32c == check.crc32c
                && crc32 == check.crc32;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(size) * 31 + crc32c) * 31 + crc32;
    }

    /** Computes a check over chunks of bytes, fed in file order. */
    static final class Accumulator {

        private final CRC32C crc32c = new CRC32C();
        private final CRC32 crc32 = new CRC32();
        private long size;

        /** Adds the remaining bytes of {@code chunk}, and leaves its position unchanged. */
        void update(ByteBuffer chunk) {
            size += chunk.remaining();
            crc32c.update(chunk.duplicate());
            crc32.update(chunk.duplicate());
        }

        ContentCheck result() {
            return new ContentCheck(size, (int) crc32c.getValue(), (int) crc32.getValue());
        }
    }
}
