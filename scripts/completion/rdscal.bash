# Bash completion for rdscal through System.CommandLine's [suggest] directive: rdscal itself answers
# with the commands, options and values that fit the word under the cursor.
# Use: source this file from ~/.bashrc (rdscal must be on PATH).
_rdscal_complete() {
  local IFS=$'\n'
  # rdscal offers every name containing the word; keep those that start with it, as bash expects.
  # shellcheck disable=SC2207
  COMPREPLY=($(compgen -W "$(rdscal "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
}
complete -o default -F _rdscal_complete rdscal
