// Cairo's PDF surface and Pango's text layout on it, from Debian's libcairo2-dev and libpango1.0-dev (pkg-config
// `pangocairo`): what the document renderer draws PDFs with (SPEC F16).
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
