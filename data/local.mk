# data/: the bundled illustrative dataset, installed under $(pkgdatadir).
wenzhoudir = $(pkgdatadir)/wenzhou
dist_wenzhou_DATA = data/wenzhou/firms.csv data/wenzhou/linkages.csv
EXTRA_DIST += data/README.md data/wenzhou/generate.py \
	data/examples/tiny/firms.csv data/examples/tiny/linkages.csv \
	data/examples/broken/firms.csv data/examples/broken/linkages.csv \
	data/examples/broken/EXPECTED.md \
	data/examples/repeated/firms.csv data/examples/repeated/linkages.csv \
	data/examples/field/make.sh data/examples/field/firms.csv data/examples/field/linkages.csv \
	data/examples/field-mapped/firms.csv data/examples/field-mapped/linkages.csv \
	data/examples/field-mapped/firmnet.conf
