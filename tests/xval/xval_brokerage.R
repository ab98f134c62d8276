# Helper of xval_cluster.py: R's sna::brokerage, gcor, qaptest, centralization and
# gtrans on networks handed over as files.
#   Rscript xval_brokerage.R dump DIR      writes sna's real networks (coleman; the
#                                          seven emon networks with their Sponsorship
#                                          groups) as DIR/NAME.arcs (0-based "tail head"
#                                          lines) and DIR/NAME.groups (one a line)
#   Rscript xval_brokerage.R run MANIFEST  for each line "NAME N ARCS GROUPS OUT" writes
#                                          sna::brokerage(g, cl)$raw.nli to OUT as tsv
#                                          (columns w_I w_O b_IO b_OI b_O t), then
#                                          exp.nli, sd.nli and z.nli (columns prefixed
#                                          exp_, sd_, z_), and OUT.gli: one row each of
#                                          raw.gli, exp.gli, sd.gli, z.gli
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)

write_net <- function(dir, name, m, groups) {
    e <- which(m != 0, arr.ind = TRUE)
    write.table(e[order(e[, 1], e[, 2]), , drop = FALSE] - 1, file.path(dir, paste0(name, ".arcs")),
                row.names = FALSE, col.names = FALSE)
    writeLines(as.character(groups), file.path(dir, paste0(name, ".groups")))
}

if (args[1] == "dump") {
    dir <- args[2]
    data(coleman, package = "sna")
    # coleman has no attribute: a fixed, seeded grouping keeps the check reproducible
    set.seed(19890101)
    n <- dim(coleman)[2]
    write_net(dir, "coleman_fall", coleman[1, , ], sample(c("a", "b", "c"), n, replace = TRUE))
    write_net(dir, "coleman_spring", coleman[2, , ], sample(c("a", "b"), n, replace = TRUE))
    data(emon, package = "network")
    for (k in names(emon)) {
        m <- as.sociomatrix(emon[[k]])
        diag(m) <- 0
        write_net(dir, paste0("emon_", k), m, emon[[k]] %v% "Sponsorship")
    }
} else if (args[1] == "run") {
    jobs <- read.table(args[2], header = FALSE, stringsAsFactors = FALSE, comment.char = "")
    for (i in seq_len(nrow(jobs))) {
        n <- jobs[i, 2]
        m <- matrix(0, n, n)
        if (file.info(jobs[i, 3])$size > 0) {
            e <- as.matrix(read.table(jobs[i, 3], header = FALSE))
            m[e + 1] <- 1
        }
        cl <- readLines(jobs[i, 4])
        b <- brokerage(m, cl)
        pre <- function(x, p) { colnames(x) <- paste0(p, colnames(b$raw.nli)); x }
        out <- cbind(b$raw.nli, pre(b$exp.nli, "exp_"), pre(b$sd.nli, "sd_"), pre(b$z.nli, "z_"))
        write.table(out, jobs[i, 5], sep = "\t", quote = FALSE, row.names = FALSE)
        gli <- rbind(b$raw.gli, b$exp.gli, b$sd.gli, b$z.gli)
        write.table(gli, paste0(jobs[i, 5], ".gli"), sep = "\t", quote = FALSE, row.names = FALSE)
    }
} else if (args[1] == "whole") {
    # for each line "NAME N EDGES_A EDGES_B REPS OUT": two undirected layers (0-based
    # "u v" lines) of one network; writes to OUT one tsv row: gcor(A, B), qaptest's
    # pgreq, pleq and mean over REPS permutations (seeded), and for the union A|B
    # centralization(degree) and gtrans, all in mode "graph"
    jobs <- read.table(args[2], header = FALSE, stringsAsFactors = FALSE, comment.char = "")
    set.seed(20261203)
    sym <- function(path, n) {
        m <- matrix(0, n, n)
        if (file.info(path)$size > 0) {
            e <- as.matrix(read.table(path, header = FALSE)) + 1
            m[e] <- 1
            m[e[, 2:1, drop = FALSE]] <- 1
        }
        m
    }
    for (i in seq_len(nrow(jobs))) {
        n <- jobs[i, 2]
        a <- sym(jobs[i, 3], n)
        b <- sym(jobs[i, 4], n)
        q <- qaptest(list(a, b), gcor, g1 = 1, g2 = 2, reps = jobs[i, 5], mode = "graph")
        u <- pmax(a, b)
        out <- data.frame(r = gcor(a, b, mode = "graph"), pgreq = q$pgreq, pleq = q$pleeq, mean = mean(q$dist),
                          centralization = centralization(u, degree, mode = "graph"),
                          transitivity = gtrans(u, mode = "graph"))
        write.table(out, jobs[i, 6], sep = "\t", quote = FALSE, row.names = FALSE)
    }
} else {
    stop("usage: xval_brokerage.R dump DIR | run MANIFEST | whole MANIFEST")
}
