# data/: the bundled illustrative dataset, installed under $(pkgdatadir).
