/*
 * Module descriptor added to pty4j, which ships none. The name matches the automatic module name
 * that javac derives from the jar, so code compiled against the plain jar links against this one.
 */
module pty4j {
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires kotlin.stdlib;
    requires org.slf4j;

    exports com.pty4j;

    // JNA reads and writes pty4j's Structure fields and proxies its Library interfaces by
    // reflection, so without these exports it raises IllegalAccessException on the window size.
    // launcher.app also gets com.pty4j.unix, to read the master file descriptor of the pty.
    exports com.pty4j.unix to com.sun.jna, launcher.app;
    exports com.pty4j.unix.freebsd to com.sun.jna;
    exports com.pty4j.unix.linux to com.sun.jna;
    exports com.pty4j.unix.macosx to com.sun.jna;
    exports com.pty4j.unix.openbsd to com.sun.jna;
    exports com.pty4j.windows to com.sun.jna;
    exports com.pty4j.windows.conpty to com.sun.jna;
    exports com.pty4j.windows.cygwin to com.sun.jna;
    exports com.pty4j.windows.winpty to com.sun.jna;
}
