#include "VipsShim.h"

#include <string.h>
#include <vips/vips.h>

static GOnce started = G_ONCE_INIT;

static gpointer start_once(gpointer unused) {
    (void)unused;
    if (VIPS_INIT("portal")) return GINT_TO_POINTER(1);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    vips_operation_block_set("VipsForeignLoadJpeg", FALSE);
    vips_operation_block_set("VipsForeignLoadPng", FALSE);
    return GINT_TO_POINTER(2);
}

static void take_error(char *error, size_t error_length) {
    if (error_length == 0) return;
    strncpy(error, vips_error_buffer(), error_length - 1);
    error[error_length - 1] = '\0';
    vips_error_clear();
}

int vips_shim_start(char *error, size_t error_length) {
    if (GPOINTER_TO_INT(g_once(&started, start_once, NULL)) == 2) return 0;
    take_error(error, error_length);
    return VIPS_SHIM_FAILED;
}

/// Writes `image` in `type` (1 JPEG, 2 PNG) without metadata.
static int save(VipsImage *image, int type, void **buffer, size_t *length) {
    if (type == 1) return vips_jpegsave_buffer(image, buffer, length, "strip", TRUE, "Q", 88, NULL);
    return vips_pngsave_buffer(image, buffer, length, "strip", TRUE, NULL);
}

// The pixels as 8-bit sRGB (or 8-bit grey), which every browser shows alike once the metadata is stripped: an
// embedded colour profile (an iPhone's Display P3, Adobe RGB, a CMYK press profile) is applied, not dropped, so the
// colours stay as the camera saw them; a CMYK image without one and a 16-bit image are converted plainly.
// 0 on success, with *out a new reference.
static int to_srgb(VipsImage *in, VipsImage **out) {
    VipsInterpretation interpretation = vips_image_guess_interpretation(in);
    if (vips_image_get_typeof(in, VIPS_META_ICC_NAME)) {
        if (vips_icc_transform(in, out, "srgb", "embedded", TRUE, "intent", VIPS_INTENT_PERCEPTUAL, "depth", 8, NULL) == 0) return 0;
        // A damaged or unusable profile: the pixels are taken as they are, as a browser would.
        vips_error_clear();
    }
    if (interpretation == VIPS_INTERPRETATION_CMYK || interpretation == VIPS_INTERPRETATION_RGB16) {
        return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, NULL);
    }
    if (interpretation == VIPS_INTERPRETATION_GREY16) return vips_colourspace(in, out, VIPS_INTERPRETATION_B_W, NULL);
    *out = in;
    g_object_ref(in);
    return 0;
}

int vips_shim_clean(const void *bytes, size_t length, long long max_pixels, int thumbnail_edge, vips_shim_cleaned *out,
                    char *error, size_t error_length) {
    memset(out, 0, sizeof(*out));
    if (vips_shim_start(error, error_length)) return VIPS_SHIM_FAILED;
    const char *loader = vips_foreign_find_load_buffer(bytes, length);
    if (loader == NULL) {
        vips_error_clear();
        return VIPS_SHIM_NOT_AN_IMAGE;
    }
    if (strcmp(loader, "VipsForeignLoadJpegBuffer") == 0) out->type = 1;
    else if (strcmp(loader, "VipsForeignLoadPngBuffer") == 0) out->type = 2;
    else return VIPS_SHIM_NOT_AN_IMAGE;

    // Reads the header only: the pixels are decoded when first needed, after the size is checked.
    VipsImage *loaded = vips_image_new_from_buffer(bytes, length, "", "fail_on", VIPS_FAIL_ON_ERROR, NULL);
    if (loaded == NULL) {
        vips_error_clear();
        return VIPS_SHIM_NOT_AN_IMAGE;
    }
    out->width = vips_image_get_width(loaded);
    out->height = vips_image_get_height(loaded);
    if ((long long)out->width * (long long)out->height > max_pixels) {
        g_object_unref(loaded);
        return VIPS_SHIM_TOO_MANY_PIXELS;
    }
    int code = VIPS_SHIM_OK;
    VipsImage *upright = NULL, *colour = NULL, *thumbnail = NULL;
    if (vips_autorot(loaded, &upright, NULL)) {
        code = VIPS_SHIM_NOT_AN_IMAGE;
        goto done;
    }
    if (to_srgb(upright, &colour)) {
        code = VIPS_SHIM_NOT_AN_IMAGE;
        goto done;
    }
    out->width = vips_image_get_width(colour);
    out->height = vips_image_get_height(colour);
    // Decoding happens here: a file whose pixels are damaged fails (fail_on error) and is refused.
    if (save(colour, out->type, &out->image, &out->image_length)) {
        code = VIPS_SHIM_NOT_AN_IMAGE;
        goto done;
    }
    if (vips_thumbnail_image(colour, &thumbnail, thumbnail_edge, "height", thumbnail_edge, "size", VIPS_SIZE_DOWN, NULL)
        || save(thumbnail, out->type, &out->thumbnail, &out->thumbnail_length)) {
        code = VIPS_SHIM_FAILED;
        take_error(error, error_length);
        goto done;
    }
done:
    vips_error_clear();
    if (thumbnail) g_object_unref(thumbnail);
    if (colour) g_object_unref(colour);
    if (upright) g_object_unref(upright);
    g_object_unref(loaded);
    if (code != VIPS_SHIM_OK) vips_shim_free(out);
    return code;
}

void vips_shim_free(vips_shim_cleaned *out) {
    g_free(out->image);
    g_free(out->thumbnail);
    out->image = NULL;
    out->thumbnail = NULL;
}
