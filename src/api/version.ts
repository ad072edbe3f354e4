/** The libvirt version this library implements, in libvirt's encoding (9.0.0). */
export const LIB_VERSION = 9_000_000;
