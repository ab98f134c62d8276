#!/usr/bin/python3
"""Writes the seed corpora of the fuzz harnesses (tests/fuzz/corpus/<harness>/) from
data/examples and hand-made hostile cases. The files are committed; run this again
only to change the seeds: python3 tests/fuzz/make_corpus.py (from the top directory)."""
import os
import shutil

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(TOP, "tests", "fuzz", "corpus")
SPLIT = b"\x00\xff"  # fuzz_load.c: FUZZ_LOAD_SPLIT


def example(name, f):
    with open(os.path.join(TOP, "data", "examples", name, f), "rb") as fh:
        return fh.read()


def write(harness, name, data):
    d = os.path.join(OUT, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as fh:
        fh.write(data)


def load(name, firms, links, sel=0):
    write("load", name, bytes([sel]) + firms + SPLIT + links)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    tf, tl = example("tiny", "firms.csv"), example("tiny", "linkages.csv")
    bf, bl = example("broken", "firms.csv"), example("broken", "linkages.csv")
    load("tiny", tf, tl)
    load("broken", bf, bl)
    load("tiny-semicolon", tf.replace(b",", b";"), tl.replace(b",", b";"), 2)
    load("tiny-tab", tf.replace(b",", b"\t"), tl.replace(b",", b"\t"), 4)
    load("tiny-gb18030", tf.decode().encode("gb18030"), tl.decode().encode("gb18030"), 1)
    load("gb18030-unflagged", tf.decode().encode("gb18030"), tl)
    load("gb18030-truncated", "id,name,industry\nA,眼镜".encode("gb18030")[:-1], b"", 1)
    load("semicolon-unflagged", tf.replace(b",", b";"), tl)
    head = b"id,name,industry\n"
    lhead = b"source,target,type\n"
    load("bad-utf8", head + b"A,\xff\xfe,shoes\nB,ok,shoes\n", lhead + b"A,B,supply\n")
    load("nul-byte", head + b"A,x\x00y,shoes\nB,ok,shoes\n", lhead + b"A,B,supply\n")
    load("unterminated-quote", head + b"A,\"open,shoes\nB,ok,shoes\n", lhead + b"A,B,\"supply")
    load("mixed-eol", head.replace(b"\n", b"\r\n") + b"A,a,s\rB,b,s\nC,c,s\r\n",
         lhead + b"A,B,supply\rB,C,rnd\r\n")
    load("cr-only", b"id,name,industry\rA,a,s\rB,b,s\r", b"source,target,type\rA,B,social\r")
    load("header-only", head, lhead)
    load("empty", b"", b"")
    load("bom", b"\xef\xbb\xbf" + head + b"A,a,s\n", b"\xef\xbb\xbf" + lhead)
    load("stray-quote", head + b"A,5\" sole,s\nB,\"b,s\nC,c,s\n", lhead + b"A,C,supply\n")
    load("field-count", head + b"A,a\nB,b,s,extra\nC,c,s\n", lhead + b"C,C,supply\n")
    load("escapes-in-ids", head + b"\x1b[2J,clear,s\nA\xc2\x9b,c1,s\n\xe2\x80\xaeB,bidi,s\n"
         b"\x1b]52;c;aGVsbG8=\x07,osc,s\n\x1bPq\x1b\\,dcs,s\n",
         lhead + b"\x1b[2J,A\xc2\x9b,supply\n\x1b[2J,A\xc2\x9b,supply\n\x1b[2J,\x1b[2J,rnd\n"
         b"\x1b[2X,A\xc2\x9b,suply\n")
    load("escapes-in-header", b"id,name,industry,\x1b[2J,\xe2\x80\xae\n" + b"A,a,s,x\x00,y\n",
         lhead + b"A,A,supply\n")
    load("duplicate-header", b"id,name,industry,ID,extra,Extra\nA,a,s,b,c,d\n", lhead)
    load("missing-column", b"id,name\nA,a\n", lhead)
    load("years-weights", b"id,name,industry,founded,employees,scale\nA,a,s,1990,12x,regional\n"
         b"B,b,s,1750,-1,international\n",
         b"source,target,type,since,weight,form\nA,B,supply,1980,-2,material\nA,B,supply,2000,nan,x\n"
         b"B,A,jv,1985,1e400,\n")
    load("many-columns", head.rstrip(b"\n") + b"," * 300 + b"\n" + b"A,a,s" + b"," * 300 + b"\n", lhead)
    load("blank-lines", head + b"\n\n\r\n,,\n A ,a,s\n", lhead + b"\n")

    # import: byte 0 = format (0 GraphML, 1 Pajek, 2 edge list) | 4 ';' | 8 GB18030
    gml = (b'<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
           b'<key id="f0" for="node" attr.name="name" attr.type="string"/>\n'
           b'<key id="f1" for="node" attr.name="industry" attr.type="string"><default>shoes</default></key>\n'
           b'<key id="l0" for="edge" attr.name="type" attr.type="string"/>\n'
           b'<key id="l1" for="edge" attr.name="weight" attr.type="double"/>\n'
           b'<graph id="g" edgedefault="directed">\n'
           b'<node id="A"><data key="f0">\xe7\x9c\xbc\xe9\x95\x9c</data></node>\n'
           b'<node id="B"><data key="f0">Beta &amp; co</data><data key="f1">eyewear</data></node>\n'
           b'<edge source="A" target="B"><data key="l0">supply</data><data key="l1">2.5</data></edge>\n'
           b'<edge source="B" target="C"><data key="l0">suply</data></edge>\n'
           b'</graph>\n</graphml>\n')
    write("import", "graphml", b"\x00" + gml)
    write("import", "graphml-truncated", b"\x00" + gml[:300])
    write("import", "graphml-xxe", b"\x00" + b'<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">'
          b'<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
          b'<graphml><key id="n" for="node" attr.name="name"/><graph>'
          b'<node id="&x;"><data key="n">&b;&b;</data></node><node id="\x1b[2J"/>'
          b'<edge source="&x;" target="\x1b[2J"/></graph></graphml>')
    write("import", "graphml-escapes", b"\x00" + gml.replace(b"Beta &amp; co", b"&#x1b;[2J&#x9b;\xe2\x80\xae"))
    net = (b'*Vertices 3\n1 "A"\n2 "B \xe7\x9c\xbc"\n3 "C"\n*Arcs :1 "supply"\n1 2 3 l "supply"\n'
           b'*Edges :2 "social"\n2 3 1\n*Arcs\n3 1 0.5\n')
    write("import", "pajek", b"\x01" + net + b"\x00\xff" + b"*Vertices 3\n1\n2\n1\n% 1 \"footwear\"\n")
    write("import", "pajek-no-clu", b"\x01" + net.replace(b"\n", b"\r\n"))
    write("import", "pajek-bad", b"\x01*Vertices 99999999999\n1 \"A\n0 0 0\n*Arcs\n5 7\n-1 2\n")
    edges = b"source,target,type,weight,since\nA,B,supply,2,1990\nB,C,rnd,,\nC,A,jv,x,17\nA,A,,1,\n"
    write("import", "edgelist", b"\x02" + edges)
    write("import", "edgelist-semicolon", b"\x06" + edges.replace(b",", b";"))
    write("import", "edgelist-gb18030", b"\x0a" + "from,to,kind\n甲,乙,supply\n".encode("gb18030"))
    write("import", "edgelist-hostile", b"\x02from,to\n\x1b[2J,\xc2\x9b\n\"open,x\n\x00,y\n")

    write("check", "small", bytes([3, 1, 65, 0, 90, 1, 66, 1, 100, 1, 67, 2, 0,
                                   0, 1, 0, 100, 0, 1, 0, 101, 1, 0, 5, 0, 2, 2, 3, 50]))
    write("check", "escape-ids", bytes([2, 4]) + b"\x1b[2J" + bytes([0, 0, 4]) + b"\xe2\x80\xae" +
          b"B" + bytes([0, 0, 0, 1, 0, 0]))
    write("check", "many-dups", bytes([4, 1, 65, 0, 0, 1, 66, 0, 0]) + bytes([0, 1, 5, 0, 1, 0, 5, 0] * 20))
    write("check", "self-links", bytes([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 9]))

    write("match", "catastrophic", b"(a+)+$\x00" + b"a" * 40 + b"b")
    write("match", "smart-case", b"Optic\x00optical Optical OPTICAL")
    write("match", "han", b"^\\p{Han}+$\x00\xe7\x9c\xbc\xe9\x95\x9c")
    write("match", "word-boundary", b"\\bfoo\x00\x01\xc3\xa9foo foo")
    write("match", "named-group", b"(?<Brand>x)\\k<Brand>\x00\x02xx")
    write("match", "invalid-subject", b".\x00\x03\xff\xfe\xc3")
    write("match", "bad-pattern", b"(ab")
    write("match", "too-long", b"a" * 4097)
    write("match", "empty-matches", b"x*\x00\x00abc")
    write("match", "lookbehind", b"(?<=\\x{1b})\\[\x00\x01\x1b[2J")

    write("text", "csi", b"\x1b[2Jclear")
    write("text", "osc52", b"\x1b]52;c;aGVsbG8=\x07")
    write("text", "dcs", b"\x1bPq#0;2;0;0;0\x1b\\")
    write("text", "c1", b"a\xc2\x9bb\xc2\x85")
    write("text", "bidi", "\u202eevil\u2066x\u2069".encode())
    write("text", "invalid", b"\xff\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80\xe2\x82")
    write("text", "cjk", "\x18瓯海明视眼镜有限公司".encode())
    write("text", "combining", "\x07e\u0301\u0300x\u200b".encode())
    write("text", "tabs", b"\x03a\tb\nc\rd\\e\x7f")


if __name__ == "__main__":
    main()
