# Helper of xval_cluster.py: R's sna::brokerage on networks handed over as files.
#   Rscript xval_brokerage.R dump DIR      writes sna's real networks (coleman; the
#                                          seven emon networks with their Sponsorship
#                                          groups) as DIR/NAME.arcs (0-based "tail head"
#                                          lines) and DIR/NAME.groups (one a line)
#   Rscript xval_brokerage.R run MANIFEST  for each line "NAME N ARCS GROUPS OUT" writes
#                                          sna::brokerage(g, cl)$raw.nli to OUT as tsv
#                                          (columns w_I w_O b_IO b_OI b_O t)
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
        br <- brokerage(m, cl)$raw.nli
        write.table(br, jobs[i, 5], sep = "\t", quote = FALSE, row.names = FALSE)
    }
} else {
    stop("usage: xval_brokerage.R dump DIR | run MANIFEST")
}
