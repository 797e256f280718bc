# PowerShell completion for rdscal through System.CommandLine's [suggest] directive: rdscal itself
# answers with the commands, options and values that fit the word under the cursor.
# Use: dot-source this file from $PROFILE (rdscal must be on PATH).
Register-ArgumentCompleter -Native -CommandName rdscal -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    rdscal "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
