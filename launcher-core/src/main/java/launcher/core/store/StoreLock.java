package launcher.core.store;

/** A held cross-process lock of one provider's accounts. Closing it releases the lock. */
public interface StoreLock extends AutoCloseable {

    @Override
    void close();
}
