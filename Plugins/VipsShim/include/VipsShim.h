// The few libvips calls the photo cleaner needs (SPEC F17), as plain C functions: libvips's own are variadic, which
// Swift cannot call.
#ifndef VIPS_SHIM_H
#define VIPS_SHIM_H

#include <stddef.h>

/// What one cleaning gave. `image` and `thumbnail` are libvips's buffers: free them with `vips_shim_free`.
typedef struct {
    void *image;
    size_t image_length;
    void *thumbnail;
    size_t thumbnail_length;
    /// Upright size in pixels.
    int width;
    int height;
    /// 1 for JPEG, 2 for PNG.
    int type;
} vips_shim_cleaned;

enum {
    VIPS_SHIM_OK = 0,
    /// Not a JPEG or PNG, or it does not decode.
    VIPS_SHIM_NOT_AN_IMAGE = 1,
    /// More pixels than allowed; `width` and `height` say how many.
    VIPS_SHIM_TOO_MANY_PIXELS = 2,
    /// libvips could not start, or failed on a decodable image; `error` says why.
    VIPS_SHIM_FAILED = 3,
};

/// Starts libvips once per process, with its operation cache off (an upload's bytes are never kept) and every loader
/// blocked but JPEG's and PNG's, so no SVG, PDF or other decoder ever reads an upload. 0 when it started.
int vips_shim_start(char *error, size_t error_length);

/// Decodes the JPEG or PNG in `bytes`, applies its orientation, and writes it again in its own type without any
/// metadata, plus a thumbnail of at most `thumbnail_edge` pixels on its longer side. Refuses more than `max_pixels`
/// pixels before decoding them. Returns one of the `VIPS_SHIM_` codes; on `VIPS_SHIM_OK`, `out` holds buffers to free.
int vips_shim_clean(const void *bytes, size_t length, long long max_pixels, int thumbnail_edge, vips_shim_cleaned *out,
                    char *error, size_t error_length);

/// Frees the buffers of a cleaning.
void vips_shim_free(vips_shim_cleaned *out);

#endif
