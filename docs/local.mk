# docs/: user documentation and man pages.
