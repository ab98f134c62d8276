# Reads the cell dumps of <Cells FILE> (term_dump_cells) and fails when any cell is
# drawn with the same foreground and background colour (its text cannot be seen), or
# in a colour pair nobody defined (-2), or when the dumps show no colour at all (the
# check would then prove nothing). Prints the offending cells.
FNR == 1 {
    if ($0 !~ /^# cells [0-9]+x[0-9]+ colors 1$/) { print FILENAME ": not a colour screen: " $0; bad++ }
    next
}
{
    cells++
    if ($3 != -1 || $4 != -1) coloured++
    if ($3 == -2 || ($3 == $4 && $3 != -1)) {
        if (shown++ < 20) print FILENAME ": row " $1 " col " $2 " '" $5 "' fg " $3 " bg " $4
        bad++
    }
}
END {
    if (!cells) { print "no cells read"; exit 1 }
    if (!coloured) { print "no coloured cell in " cells " cells"; exit 1 }
    if (bad) { print bad " cells cannot be seen"; exit 1 }
    print cells " cells, " coloured " coloured, none invisible"
}
