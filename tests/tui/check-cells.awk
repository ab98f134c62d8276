# Reads the cell dumps of <Cells FILE> (term_dump_cells) and fails when any cell is
# drawn with the same foreground and background colour (its text cannot be seen), or
# in a colour pair nobody defined (-2), or when the dumps show no colour at all (the
# check would then prove nothing). Also a hole in a highlighted row: between the
# first and the last cell of a row with the cursor's background (cyan, 6) a cell
# with another one (the bars at the top and bottom of the screen are left out: the
# hint bar alternates by design). Prints the offending cells.
function holes(   r, c, first, last) {
    for (r = 1; r < rows - 2; r++) {
        first = -1; last = -1
        for (c = 0; c < cols; c++) if (bgat[r, c] == 6) { if (first < 0) first = c; last = c }
        for (c = first + 1; first >= 0 && c < last; c++)
            if (bgat[r, c] != 6) {
                if (shown++ < 20) print file ": a hole in highlighted row " r " at col " c " (bg " bgat[r, c] ")"
                bad++
            }
    }
    delete bgat
}
FNR == 1 {
    if (file != "") holes()
    file = FILENAME
    if ($0 !~ /^# cells [0-9]+x[0-9]+ colors 1$/) { print FILENAME ": not a colour screen: " $0; bad++ }
    split($3, dim, "x"); rows = dim[1]; cols = dim[2]
    next
}
{
    bgat[$1, $2] = $4
    cells++
    if ($3 != -1 || $4 != -1) coloured++
    if ($3 == -2 || ($3 == $4 && $3 != -1)) {
        if (shown++ < 20) print FILENAME ": row " $1 " col " $2 " '" $5 "' fg " $3 " bg " $4
        bad++
    }
}
END {
    if (file != "") holes()
    if (!cells) { print "no cells read"; exit 1 }
    if (!coloured) { print "no coloured cell in " cells " cells"; exit 1 }
    if (bad) { print bad " cells cannot be seen"; exit 1 }
    print cells " cells, " coloured " coloured, none invisible"
}
