/* libFuzzer harness for core/text: whatever the bytes, sanitized text must be valid
 * UTF-8 free of terminal controls, and fitted text must never exceed its width. */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "C.UTF-8");
    return 0;
}

/* Aborts when s holds a C0/C1 control, DEL, a bidi control or invalid UTF-8. */
static void check_safe(const char *s, size_t n, int ascii_only)
{
    if (!text_utf8_valid(s, n, NULL) || strlen(s) != n)
        abort();
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = text_utf8_decode(s + i, n - i, &cp);
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            abort();
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
            abort();
        if (ascii_only && cp >= 0x80)
            abort();
        i += k;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct textbuf tb = {0};
    size_t bad = 0;
    if (!text_utf8_valid(s, size, &bad) && bad >= size)
        abort();
    size_t i = 0;
    while (i < size) {
        uint32_t cp;
        size_t k = text_utf8_decode(s + i, size - i, &cp);
        if (k < 1 || k > 4 || k > size - i || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            abort();
        i += k;
    }
    for (int ascii = 0; ascii <= 1; ascii++) {
        text_sanitize(&tb, s, size, TEXT_DISPLAY, ascii);
        check_safe(tb.buf, tb.len, ascii);
        text_sanitize(&tb, s, size, TEXT_TSV, ascii);
        check_safe(tb.buf, tb.len, ascii);
        if (memchr(tb.buf, '\t', tb.len))
            abort();
        int width = size ? data[0] % 40 - 2 : 5;
        for (int pad = 0; pad <= 1; pad++) {
            text_fit(&tb, s, size, width, pad, ascii);
            check_safe(tb.buf, tb.len, ascii);
            int w = text_width(tb.buf, tb.len);
            if (width <= 0 ? tb.len != 0 : w > width)
                abort();
            if (pad && width > 0 && w != width)
                abort();
        }
    }
    textbuf_free(&tb);
    return 0;
}
