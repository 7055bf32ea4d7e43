/*
 * Module descriptor added to jna-platform 5.14, which has only an Automatic-Module-Name. Only its
 * AWT utilities (WindowUtils, KeyboardUtils, drag and drop) need java.desktop and
 * java.datatransfer, and pty4j uses none of them, so both stay out of the image.
 */
module com.sun.jna.platform {
    requires transitive com.sun.jna;
    requires java.logging;
    requires static java.datatransfer;
    requires static java.desktop;

    exports com.sun.jna.platform;
    exports com.sun.jna.platform.bsd;
    exports com.sun.jna.platform.dnd;
    exports com.sun.jna.platform.linux;
    exports com.sun.jna.platform.mac;
    exports com.sun.jna.platform.unix;
    exports com.sun.jna.platform.unix.aix;
    exports com.sun.jna.platform.unix.solaris;
    exports com.sun.jna.platform.win32;
    exports com.sun.jna.platform.win32.COM;
    exports com.sun.jna.platform.win32.COM.tlb;
    exports com.sun.jna.platform.win32.COM.tlb.imp;
    exports com.sun.jna.platform.win32.COM.util;
    exports com.sun.jna.platform.win32.COM.util.annotation;
    exports com.sun.jna.platform.wince;
}
