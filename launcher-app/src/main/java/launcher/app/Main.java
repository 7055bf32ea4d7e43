package launcher.app;

/** The entry point of {@code launcher}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(0);
    }
}
