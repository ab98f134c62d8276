# bash completion for firmnet                                  -*- shell-script -*-
# Subcommands and options are read from `firmnet --help` and `firmnet CMD --help`,
# so they follow the program; firm ids come from the dataset named by -d/--dataset
# (else $FIRMNET_DATASET, else firmnet's default), through `firmnet grep`.

_firmnet_types="supply subcontract production-sharing joint-venture licensing rnd technology marketing social cultural"

# Completes the last element of a comma-separated list such as --type supply,rn
_firmnet_list()
{
    local words=$1 cur=$2 prefix=""
    if [[ $cur == *,* ]]; then
        prefix=${cur%,*},
        cur=${cur##*,}
    fi
    local IFS=$'\n'
    COMPREPLY=($(compgen -P "$prefix" -W "$words" -- "$cur"))
    compopt -o nospace 2>/dev/null
}

# Directories (-d) or files (-f) matching cur, one per line so blanks survive.
_firmnet_files()
{
    local IFS=$'\n'
    COMPREPLY=($(compgen "$1" -- "$2"))
    compopt -o filenames 2>/dev/null
}

_firmnet_ids()
{
    local prog=$1 dataset=$2 cur=$3
    local -a args=(grep --format tsv)
    [[ -n $dataset ]] && args+=(-d "$dataset")
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$("$prog" "${args[@]}" -- '' 2>/dev/null | tail -n +2 | cut -f1)" -- "$cur"))
}

_firmnet()
{
    # plain bash: no dependency on the bash-completion package's helpers
    local cword=$COMP_CWORD
    local -a words=("${COMP_WORDS[@]}")
    local cur=${words[cword]} prev=${words[cword - 1]}
    local prog=${words[0]} cmd="" dataset="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
        -d | --dataset) dataset=${words[i + 1]} ;;
        --dataset=*) dataset=${words[i]#--dataset=} ;;
        -*) ;;
        *) [[ -z $cmd && ${words[i - 1]} != -d && ${words[i - 1]} != --dataset ]] && cmd=${words[i]} ;;
        esac
    done
    # a positional word after the explorer's options is a dataset, not a command
    local commands
    commands=$("$prog" --help 2>/dev/null | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
    if [[ -n $cmd ]] && ! grep -qx -- "$cmd" <<<"$commands"; then
        dataset=${dataset:-$cmd}
        cmd=""
    fi

    case $prev in
    -d | --dataset | -o | --output)
        if [[ $cmd == export && ( $prev == -o || $prev == --output ) ]]; then
            local i2
            for ((i2 = 1; i2 < cword; i2++)); do
                [[ ${words[i2]} == dataset || ${words[i2]} == --to=dataset ]] && { _firmnet_files -d "$cur"; return; }
            done
            _firmnet_files -f "$cur"
        else
            _firmnet_files -d "$cur"
        fi
        return ;;
    --type | --default-type) _firmnet_list "${_firmnet_types// /$'\n'}" "$cur"; return ;;
    --form) COMPREPLY=($(compgen -W "material non-material" -- "$cur")); return ;;
    --scale) _firmnet_list $'local\nnational\nglobal' "$cur"; return ;;
    --format) COMPREPLY=($(compgen -W "text tsv json" -- "$cur")); return ;;
    --to | -t)
        [[ $cmd == export ]] && { COMPREPLY=($(compgen -W "graphml gexf pajek pajek-plain dot json dataset" -- "$cur")); return; } ;;
    --from | -f)
        [[ $cmd == import ]] && { COMPREPLY=($(compgen -W "graphml pajek edgelist" -- "$cur")); return; } ;;
    --delimiter) COMPREPLY=($(compgen -W ", ';' tab" -- "$cur")); return ;;
    --encoding) COMPREPLY=($(compgen -W "UTF-8 GB18030 GBK BIG5" -- "$cur")); return ;;
    --ego) [[ $cmd != metrics ]] && { _firmnet_ids "$prog" "$dataset" "$cur"; return; } ;;
    --as-of | --depth | -k | --industry | --field | --source-col | --target-col | --type-col | --top | --sort | \
    --max | --samples | --seed | --threads | --group | --compare-years | --permutations)
        return ;;
    --firms) [[ $cmd == export ]] && return ;;
    esac

    if [[ $cur == -* ]]; then
        local opts
        opts=$("$prog" ${cmd:+"$cmd"} --help 2>/dev/null | grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | sed 's/^[ ,]*//' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case $cmd in
    "")
        # a subcommand, or the dataset directory the explorer opens
        local -a names=($(compgen -W "$commands" -- "$cur"))
        _firmnet_files -d "$cur"
        COMPREPLY=("${names[@]}" "${COMPREPLY[@]}") ;;
    show | path | ego | metrics) _firmnet_ids "$prog" "$dataset" "$cur" ;;
    check) _firmnet_files -d "$cur" ;;
    import) _firmnet_files -f "$cur" ;;
    esac
}
complete -F _firmnet firmnet
