// libvips from Debian's libvips-dev (pkg-config `vips`): the image library the photo cleaner uses (SPEC F17).
#include <vips/vips.h>
