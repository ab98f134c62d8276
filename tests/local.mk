# tests/: unit (cmocka), cli golden, tui headless and tmux, cross-validation.
if HAVE_CMOCKA
unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
unit_ldadd = $(CORE_LIBS) $(CMOCKA_LIBS)
endif
