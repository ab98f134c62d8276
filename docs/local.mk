# docs/: user documentation (Markdown, shipped in the tarball) and man pages.
EXTRA_DIST += docs/dataset-format.md docs/search.md
