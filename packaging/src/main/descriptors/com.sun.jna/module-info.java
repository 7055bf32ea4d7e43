/*
 * Module descriptor added to JNA 5.14, which has only an Automatic-Module-Name. java.desktop is
 * needed only by the methods of Native that take AWT windows, so it stays out of the image.
 */
module com.sun.jna {
    requires java.logging;
    requires static java.desktop;

    exports com.sun.jna;
    exports com.sun.jna.internal;
    exports com.sun.jna.ptr;
    exports com.sun.jna.win32;
}
