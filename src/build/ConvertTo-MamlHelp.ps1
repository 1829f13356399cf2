#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds PSDocker's help from markdown: the cmdlet pages into one MAML file, about_ pages into text.
.DESCRIPTION
    platyPS is not available here, so this script reads the platyPS markdown layout itself.

    Every <Verb>-<Noun>.md file in -Path becomes a command:command in <OutputPath>/PSDocker.dll-Help.xml,
    the file Get-Help reads for the cmdlets of PSDocker.dll. Every about_<Topic>.md file becomes
    <OutputPath>/about_<Topic>.help.txt in the classic about-topic text layout.

    A cmdlet page has, in this order:
        # <Verb>-<Noun>
        ## SYNOPSIS, ## SYNTAX, ## DESCRIPTION, ## EXAMPLES, ## PARAMETERS, ## INPUTS, ## OUTPUTS,
        ## NOTES, ## RELATED LINKS
    SYNTAX has one "### <ParameterSet>" (optionally "(Default)") with a code block per parameter set, or a
    single code block for a cmdlet with one set. EXAMPLES has "### Example N: title" with a powershell
    code block and prose. PARAMETERS has "### -<Name>", a description and a yaml block with Type,
    Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input and Accept wildcard
    characters (Accepted values is optional). INPUTS and OUTPUTS have "### <TypeName>" and a description.

    Syntax items are built from the parameters' "Parameter Sets", ordered as the SYNTAX code block of the
    set lists them. -WhatIf and -Confirm (common parameters) are not documented as parameters; when a
    SYNTAX block names them they are added to that syntax item.

    Anything malformed - a missing or unknown section, an unclosed code block, a parameter without a
    description or yaml, a SYNTAX block that names other parameters than the yaml puts in that set -
    throws, naming the file and line, so the build fails instead of shipping bad help.
.PARAMETER Path
    The folder with the markdown help (en-US).
.PARAMETER OutputPath
    The folder to write PSDocker.dll-Help.xml and the about_*.help.txt files to. Created when missing.
.PARAMETER HelpFileName
    The MAML file name: <assembly file name>-Help.xml.
.EXAMPLE
    ./src/build/ConvertTo-MamlHelp.ps1 -Path en-US -OutputPath out/PSDocker/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $Path,

    [Parameter(Mandatory)]
    [string] $OutputPath,

    [ValidatePattern('-Help\.xml$')]
    [string] $HelpFileName = 'PSDocker.dll-Help.xml'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$script:SectionOrder = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:YamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters')
$script:OptionalYamlKeys = @('Accepted values')
$script:SyntaxOnlyParameters = [ordered]@{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function Stop-Malformed {
    param([string] $File, [int] $Line, [string] $Message)
    $where = if ($Line -gt 0) { "${File}:$Line" } else { $File }
    throw "Malformed help markdown ${where}: $Message"
}

# ---------------------------------------------------------------------------------------------
# Markdown reading: lines -> headings and blocks
# ---------------------------------------------------------------------------------------------

function Read-MarkdownLines {
    <# The file's lines (front matter removed), each with its 1-based line number. #>
    param([string] $File)
    $text = [IO.File]::ReadAllText($File)
    $lines = $text -replace "`r`n?", "`n" -split "`n"
    $start = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $end = -1
        for ($i = 1; $i -lt $lines.Count; $i++) {
            if ($lines[$i].Trim() -eq '---') { $end = $i; break }
        }
        if ($end -lt 0) { Stop-Malformed $File 1 'the front matter (---) is not closed.' }
        $start = $end + 1
    }
    for ($i = $start; $i -lt $lines.Count; $i++) {
        [pscustomobject]@{ Number = $i + 1; Text = $lines[$i] }
    }
}

function Split-MarkdownBlock {
    <#
    Turns lines into blocks: Heading (Level, Text), Code (Language, Text), Table (Rows), List (Items),
    Paragraph (Text). Throws on an unclosed code fence.
    #>
    param([string] $File, [object[]] $Lines)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $i = 0
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i]
        $text = $line.Text
        if ($text.Trim().Length -eq 0) { $i++; continue }

        if ($text -match '^\s*(```+|~~~+)\s*([\w+-]*)\s*$') {
            $fence = $Matches[1]
            $language = $Matches[2].ToLowerInvariant()
            $body = [System.Collections.Generic.List[string]]::new()
            $j = $i + 1
            $closed = $false
            while ($j -lt $Lines.Count) {
                if ($Lines[$j].Text.Trim() -eq $fence) { $closed = $true; break }
                $body.Add($Lines[$j].Text)
                $j++
            }
            if (-not $closed) { Stop-Malformed $File $line.Number "the code block opened here ($fence) is never closed." }
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Line = $line.Number; Language = $language; Text = ($body -join "`n") })
            $i = $j + 1
            continue
        }

        if ($text -match '^(#{1,6})\s+(.*?)\s*#*\s*$') {
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Line = $line.Number; Level = $Matches[1].Length; Text = $Matches[2] })
            $i++
            continue
        }

        if ($text -match '^\s*\|') {
            $rows = [System.Collections.Generic.List[object]]::new()
            $first = $line.Number
            while ($i -lt $Lines.Count -and $Lines[$i].Text -match '^\s*\|') {
                $rowText = $Lines[$i].Text.Trim()
                if (-not $rowText.EndsWith('|')) { Stop-Malformed $File $Lines[$i].Number 'a table row must end with |.' }
                # Split on | that is not escaped (\|) and not inside `code`.
                $cells = [System.Collections.Generic.List[string]]::new()
                $sb = [System.Text.StringBuilder]::new()
                $inCode = $false
                $inner = $rowText.Substring(1, $rowText.Length - 2)
                for ($k = 0; $k -lt $inner.Length; $k++) {
                    $ch = $inner[$k]
                    if ($ch -eq '\' -and $k + 1 -lt $inner.Length -and $inner[$k + 1] -eq '|') { [void]$sb.Append('|'); $k++; continue }
                    if ($ch -eq '`') { $inCode = -not $inCode }
                    if ($ch -eq '|' -and -not $inCode) { $cells.Add($sb.ToString().Trim()); [void]$sb.Clear(); continue }
                    [void]$sb.Append($ch)
                }
                $cells.Add($sb.ToString().Trim())
                if (-not ($cells | Where-Object { $_ -notmatch '^:?-{3,}:?$' })) {
                    $rows.Add($null) # the separator row
                }
                else {
                    $rows.Add([string[]]$cells)
                }
                $i++
            }
            if ($rows.Count -lt 2 -or $null -ne $rows[1] -or $null -eq $rows[0]) {
                Stop-Malformed $File $first 'a table needs a header row followed by a |---|---| separator row.'
            }
            $data = @($rows | Where-Object { $null -ne $_ })
            $width = $data[0].Count
            foreach ($r in $data) {
                if ($r.Count -ne $width) { Stop-Malformed $File $first "a table row has $($r.Count) cells, but the header has $width." }
            }
            $blocks.Add([pscustomobject]@{ Kind = 'Table'; Line = $first; Rows = $data })
            continue
        }

        if ($text -match '^\s*([-*+]|\d+[.)])\s+') {
            $items = [System.Collections.Generic.List[string]]::new()
            $first = $line.Number
            while ($i -lt $Lines.Count -and $Lines[$i].Text.Trim().Length -gt 0 -and $Lines[$i].Text -notmatch '^\s*(```|~~~|#{1,6}\s)') {
                $t = $Lines[$i].Text
                if ($t -match '^\s*([-*+]|\d+[.)])\s+(.*)$') {
                    $bullet = $Matches[1]; $itemText = $Matches[2].Trim()
                    $marker = if ($bullet -match '\d') { $bullet } else { '-' }
                    $items.Add("$marker $itemText")
                }
                elseif ($items.Count -gt 0) {
                    $items[$items.Count - 1] += ' ' + $t.Trim()
                }
                $i++
            }
            $blocks.Add([pscustomobject]@{ Kind = 'List'; Line = $first; Items = $items.ToArray() })
            continue
        }

        $para = [System.Collections.Generic.List[string]]::new()
        $first = $line.Number
        while ($i -lt $Lines.Count) {
            $t = $Lines[$i].Text
            if ($t.Trim().Length -eq 0 -or $t -match '^\s*(```|~~~)' -or $t -match '^#{1,6}\s' -or $t -match '^\s*\|' -or $t -match '^\s*([-*+]|\d+[.)])\s+') { break }
            $para.Add($t.Trim())
            $i++
        }
        $blocks.Add([pscustomobject]@{ Kind = 'Paragraph'; Line = $first; Text = ($para -join ' ') })
    }
    $blocks
}

function ConvertFrom-Inline {
    <# Markdown inline markup to plain text: links, code spans, emphasis, escapes. Code spans keep their content as written. #>
    param([string] $Text)
    if ($Text.IndexOf('`') -lt 0) { return (ConvertFrom-InlineMarkup $Text) }
    $sb = [System.Text.StringBuilder]::new()
    $last = 0
    foreach ($m in [regex]::Matches($Text, '(`+)(.+?)\1')) {
        [void]$sb.Append((ConvertFrom-InlineMarkup $Text.Substring($last, $m.Index - $last)))
        [void]$sb.Append($m.Groups[2].Value)
        $last = $m.Index + $m.Length
    }
    [void]$sb.Append((ConvertFrom-InlineMarkup $Text.Substring($last)))
    $sb.ToString()
}

function ConvertFrom-InlineMarkup {
    <# The rules of ConvertFrom-Inline for text outside code spans. #>
    param([string] $Text)
    $Text -replace '\[(https?://[^\]]+)\]\(\1\)', '$1' `
        -replace '!?\[([^\]]*)\]\((https?://[^)]*)\)', '$1 ($2)' `
        -replace '!?\[([^\]]*)\]\(([^)]*)\)', '$1' `
        -replace '<(https?://[^>]+)>', '$1' `
        -replace '(\*\*|__)(?=\S)(.+?)(?<=\S)\1', '$2' `
        -replace '(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])', '$1' `
        -replace '(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])', '$1' `
        -replace '\\([\\`*_{}\[\]()#+\-.!|<>])', '$1'
}

function Get-Section {
    <# Splits blocks at headings of a level: @{ Heading; Blocks } in order. Blocks before the first heading go to '' #>
    param([object[]] $Blocks, [int] $Level)
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Heading = $null; Blocks = [System.Collections.Generic.List[object]]::new() }
    foreach ($b in $Blocks) {
        if ($b.Kind -eq 'Heading' -and $b.Level -le $Level) {
            if ($b.Level -lt $Level) { throw "internal: a level-$($b.Level) heading inside a level-$Level split" }
            $sections.Add($current)
            $current = [pscustomobject]@{ Heading = $b; Blocks = [System.Collections.Generic.List[object]]::new() }
            continue
        }
        $current.Blocks.Add($b)
    }
    $sections.Add($current)
    $sections
}

function ConvertTo-Paragraph {
    <# Prose blocks to maml:para texts. Code and tables keep their layout. #>
    param([object[]] $Blocks)
    foreach ($b in $Blocks) {
        switch ($b.Kind) {
            'Paragraph' { ConvertFrom-Inline $b.Text }
            'List' { ($b.Items | ForEach-Object { ConvertFrom-Inline $_ }) -join "`n" }
            'Code' { ($b.Text -split "`n" | ForEach-Object { "    $_" }) -join "`n" }
            'Table' { (Format-TableText -Rows $b.Rows -Indent 0) -join "`n" }
            'Heading' { ConvertFrom-Inline $b.Text }
        }
    }
}

function Format-TableText {
    <# A markdown table as aligned text lines. #>
    param([object[]] $Rows, [int] $Indent)
    $plain = @(foreach ($r in $Rows) { , [string[]]@($r | ForEach-Object { ConvertFrom-Inline $_ }) })
    $widths = for ($c = 0; $c -lt $plain[0].Count; $c++) { ($plain | ForEach-Object { $_[$c].Length } | Measure-Object -Maximum).Maximum }
    $pad = ' ' * $Indent
    $lineNo = 0
    foreach ($r in $plain) {
        $cells = for ($c = 0; $c -lt $r.Count; $c++) { if ($c -lt $r.Count - 1) { $r[$c].PadRight($widths[$c]) } else { $r[$c] } }
        ($pad + ($cells -join '  ')).TrimEnd()
        if ($lineNo -eq 0) { $pad + (($widths | ForEach-Object { '-' * $_ }) -join '  ') }
        $lineNo++
    }
}

# ---------------------------------------------------------------------------------------------
# Cmdlet pages
# ---------------------------------------------------------------------------------------------

function Read-ParameterYaml {
    param([string] $File, [object] $Code)
    $values = [ordered]@{}
    foreach ($raw in ($Code.Text -split "`n")) {
        if ($raw.Trim().Length -eq 0) { continue }
        if ($raw -notmatch '^([A-Za-z][A-Za-z ]*?):\s*(.*)$') { Stop-Malformed $File $Code.Line "the yaml line '$raw' is not 'Key: value'." }
        $key = $Matches[1]; $value = $Matches[2].Trim()
        if ($key -notin $script:YamlKeys -and $key -notin $script:OptionalYamlKeys) { Stop-Malformed $File $Code.Line "the yaml key '$key' is unknown." }
        if ($values.Contains($key)) { Stop-Malformed $File $Code.Line "the yaml key '$key' appears twice." }
        $values[$key] = $value
    }
    foreach ($k in $script:YamlKeys) {
        if (-not $values.Contains($k)) { Stop-Malformed $File $Code.Line "the yaml block has no '$k'." }
    }
    if ($values['Type'] -eq '') { Stop-Malformed $File $Code.Line 'Type is empty.' }
    foreach ($k in 'Required', 'Accept wildcard characters') {
        if ($values[$k] -notmatch '^(True|False)$') { Stop-Malformed $File $Code.Line "$k must be True or False, not '$($values[$k])'." }
    }
    if ($values['Position'] -notmatch '^(Named|\d+)$') { Stop-Malformed $File $Code.Line "Position must be Named or a number, not '$($values['Position'])'." }
    if ($values['Accept pipeline input'] -notmatch '^(False|True \((ByValue|ByPropertyName|ByPropertyName, ByValue|ByValue, ByPropertyName|ByRemainingArguments)\))$') {
        Stop-Malformed $File $Code.Line "Accept pipeline input must be False or True (ByValue|ByPropertyName|ByPropertyName, ByValue), not '$($values['Accept pipeline input'])'."
    }
    $sets = @($values['Parameter Sets'] -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    if ($sets.Count -eq 0) { Stop-Malformed $File $Code.Line 'Parameter Sets is empty; use (All) or set names.' }
    if ($sets -contains '(All)' -and $sets.Count -gt 1) { Stop-Malformed $File $Code.Line 'Parameter Sets mixes (All) with set names.' }
    $aliases = @($values['Aliases'] -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ -and $_ -ne 'None' })
    $accepted = @()
    if ($values.Contains('Accepted values')) { $accepted = @($values['Accepted values'] -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ }) }
    [pscustomobject]@{
        Line          = $Code.Line
        Type          = $values['Type']
        Sets          = $sets
        Aliases       = $aliases
        Required      = $values['Required'] -eq 'True'
        Position      = if ($values['Position'] -eq 'Named') { 'named' } else { $values['Position'] }
        DefaultValue  = if ($values['Default value']) { $values['Default value'] } else { 'None' }
        PipelineInput = $values['Accept pipeline input']
        Globbing      = $values['Accept wildcard characters'] -eq 'True'
        Accepted      = $accepted
    }
}

function Read-CmdletPage {
    param([string] $File)
    $blocks = @(Split-MarkdownBlock -File $File -Lines @(Read-MarkdownLines $File))
    $expectedName = [IO.Path]::GetFileNameWithoutExtension($File)

    $top = @(Get-Section -Blocks $blocks -Level 1)
    if ($top.Count -ne 2) { Stop-Malformed $File 0 "it needs exactly one '# $expectedName' heading (found $($top.Count - 1))." }
    if (@($top[0].Blocks).Count -gt 0) { Stop-Malformed $File $top[0].Blocks[0].Line "text before the '# $expectedName' heading." }
    $name = $top[1].Heading.Text.Trim()
    if ($name -cne $expectedName) { Stop-Malformed $File $top[1].Heading.Line "the title '$name' does not match the file name '$expectedName'." }
    if ($name -notmatch '^([A-Z][a-z]+)-([A-Z]\w+)$') { Stop-Malformed $File $top[1].Heading.Line "'$name' is not a Verb-Noun cmdlet name." }
    $verb = $Matches[1]; $noun = $Matches[2]

    $h2 = @(Get-Section -Blocks $top[1].Blocks -Level 2)
    if (@($h2[0].Blocks).Count -gt 0) { Stop-Malformed $File $h2[0].Blocks[0].Line 'text before the first ## section.' }
    $sections = [ordered]@{}
    foreach ($s in $h2 | Select-Object -Skip 1) {
        $title = $s.Heading.Text.Trim().ToUpperInvariant()
        if ($title -notin $script:SectionOrder) { Stop-Malformed $File $s.Heading.Line "unknown section '## $($s.Heading.Text)'; expected $($script:SectionOrder -join ', ')." }
        if ($sections.Contains($title)) { Stop-Malformed $File $s.Heading.Line "the section '## $title' appears twice." }
        $sections[$title] = $s
    }
    $present = @($sections.Keys)
    foreach ($req in $script:SectionOrder) {
        if ($req -notin $present) { Stop-Malformed $File 0 "the section '## $req' is missing." }
    }
    for ($k = 0; $k -lt $present.Count; $k++) {
        if ($present[$k] -ne $script:SectionOrder[$k]) { Stop-Malformed $File $sections[$present[$k]].Heading.Line "the sections are out of order: expected '## $($script:SectionOrder[$k])' here, found '## $($present[$k])'." }
    }

    # SYNOPSIS
    $synopsis = @(ConvertTo-Paragraph @($sections['SYNOPSIS'].Blocks | Where-Object Kind -eq 'Paragraph'))
    if ($synopsis.Count -ne 1 -or @($sections['SYNOPSIS'].Blocks).Count -ne 1) { Stop-Malformed $File $sections['SYNOPSIS'].Heading.Line 'SYNOPSIS must be one paragraph.' }

    # DESCRIPTION
    $descriptionBlocks = @($sections['DESCRIPTION'].Blocks)
    if (@($descriptionBlocks | Where-Object Kind -eq 'Heading').Count -gt 0) { Stop-Malformed $File $sections['DESCRIPTION'].Heading.Line 'DESCRIPTION cannot have sub-headings.' }
    $description = @(ConvertTo-Paragraph $descriptionBlocks)
    if ($description.Count -eq 0) { Stop-Malformed $File $sections['DESCRIPTION'].Heading.Line 'DESCRIPTION is empty.' }

    # PARAMETERS
    $parameters = [System.Collections.Generic.List[object]]::new()
    $paramSections = @(Get-Section -Blocks $sections['PARAMETERS'].Blocks -Level 3)
    if (@($paramSections[0].Blocks).Count -gt 0) { Stop-Malformed $File $paramSections[0].Blocks[0].Line 'text before the first ### -Parameter heading.' }
    foreach ($p in $paramSections | Select-Object -Skip 1) {
        $heading = $p.Heading.Text.Trim()
        if ($heading -eq 'CommonParameters') { continue }
        if ($heading -notmatch '^-([A-Za-z][A-Za-z0-9]*)$') { Stop-Malformed $File $p.Heading.Line "'### $heading' is not a '### -ParameterName' heading." }
        $pname = $Matches[1]
        if ($script:SyntaxOnlyParameters.Contains($pname)) { Stop-Malformed $File $p.Heading.Line "-$pname is a common parameter; do not document it under PARAMETERS." }
        if ($parameters | Where-Object Name -eq $pname) { Stop-Malformed $File $p.Heading.Line "-$pname is documented twice." }
        $yamlBlocks = @($p.Blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' })
        if ($yamlBlocks.Count -eq 0) { Stop-Malformed $File $p.Heading.Line "-$pname has no yaml block." }
        $firstYaml = [array]::IndexOf(@($p.Blocks), $yamlBlocks[0])
        $descBlocks = @($p.Blocks | Select-Object -First $firstYaml)
        $desc = @(ConvertTo-Paragraph $descBlocks)
        if ($desc.Count -eq 0 -or -not ($desc -join '').Trim()) { Stop-Malformed $File $p.Heading.Line "-$pname has no description." }
        if (@($p.Blocks | Select-Object -Skip $firstYaml | Where-Object { -not ($_.Kind -eq 'Code' -and $_.Language -eq 'yaml') }).Count -gt 0) {
            Stop-Malformed $File $p.Heading.Line "-${pname}: put the whole description before its yaml block."
        }
        $variants = @($yamlBlocks | ForEach-Object { Read-ParameterYaml -File $File -Code $_ })
        $seenSets = @{}
        foreach ($v in $variants) {
            foreach ($s in $v.Sets) {
                if ($seenSets.ContainsKey($s)) { Stop-Malformed $File $v.Line "-$pname lists the parameter set '$s' in two yaml blocks." }
                $seenSets[$s] = $true
            }
        }
        if ($variants.Count -gt 1 -and $seenSets.ContainsKey('(All)')) { Stop-Malformed $File $p.Heading.Line "-$pname has several yaml blocks, so none may say (All)." }
        $parameters.Add([pscustomobject]@{ Name = $pname; Description = $desc; Variants = $variants })
    }
    if ($parameters.Count -eq 0) { Stop-Malformed $File $sections['PARAMETERS'].Heading.Line 'no parameters are documented (every cmdlet has at least -Endpoint).' }

    # SYNTAX: set names (order, default) and each set's parameter order
    $syntaxSections = @(Get-Section -Blocks $sections['SYNTAX'].Blocks -Level 3)
    $syntaxSets = [System.Collections.Generic.List[object]]::new()
    if ($syntaxSections.Count -eq 1) {
        $codes = @($syntaxSections[0].Blocks | Where-Object Kind -eq 'Code')
        if ($codes.Count -ne 1 -or @($syntaxSections[0].Blocks).Count -ne 1) { Stop-Malformed $File $sections['SYNTAX'].Heading.Line 'SYNTAX without ### set headings must be exactly one code block.' }
        $syntaxSets.Add([pscustomobject]@{ Name = '__AllParameterSets'; Code = $codes[0] })
    }
    else {
        if (@($syntaxSections[0].Blocks).Count -gt 0) { Stop-Malformed $File $syntaxSections[0].Blocks[0].Line 'text before the first ### parameter set heading in SYNTAX.' }
        foreach ($s in $syntaxSections | Select-Object -Skip 1) {
            $codes = @($s.Blocks | Where-Object Kind -eq 'Code')
            if ($codes.Count -ne 1 -or @($s.Blocks).Count -ne 1) { Stop-Malformed $File $s.Heading.Line "the SYNTAX set '$($s.Heading.Text)' must be exactly one code block." }
            $setName = ($s.Heading.Text -replace '\s*\(Default\)\s*$', '').Trim()
            if ($syntaxSets | Where-Object Name -eq $setName) { Stop-Malformed $File $s.Heading.Line "the parameter set '$setName' appears twice in SYNTAX." }
            $syntaxSets.Add([pscustomobject]@{ Name = $setName; Code = $codes[0] })
        }
    }

    $namedSets = @($parameters | ForEach-Object { $_.Variants } | ForEach-Object { $_.Sets } | Where-Object { $_ -ne '(All)' } | Sort-Object -Unique)
    if ($namedSets.Count -eq 0) {
        if ($syntaxSets.Count -ne 1) { Stop-Malformed $File $sections['SYNTAX'].Heading.Line "SYNTAX has $($syntaxSets.Count) parameter sets, but every parameter is in (All)." }
    }
    else {
        $syntaxNames = @($syntaxSets | ForEach-Object Name)
        foreach ($n in $namedSets) {
            if ($n -notin $syntaxNames) { Stop-Malformed $File $sections['SYNTAX'].Heading.Line "the parameter set '$n' (from the yaml blocks) has no ### $n block in SYNTAX." }
        }
        foreach ($n in $syntaxNames) {
            if ($n -notin $namedSets) { Stop-Malformed $File $sections['SYNTAX'].Heading.Line "SYNTAX has the parameter set '$n', but no parameter's yaml lists it." }
        }
    }

    $syntaxItems = foreach ($set in $syntaxSets) {
        $code = $set.Code.Text.Trim()
        if (-not $code.StartsWith($name)) { Stop-Malformed $File $set.Code.Line "the SYNTAX block of '$($set.Name)' does not start with $name." }
        $tokens = @([regex]::Matches($code, '(?<=[\s\[])-([A-Za-z][A-Za-z0-9]*)\b') | ForEach-Object { $_.Groups[1].Value })
        if (@($tokens | Group-Object | Where-Object Count -gt 1).Count -gt 0) { Stop-Malformed $File $set.Code.Line "the SYNTAX block of '$($set.Name)' names a parameter twice." }
        $members = foreach ($p in $parameters) {
            $variant = $p.Variants | Where-Object { $_.Sets -contains '(All)' -or $_.Sets -contains $set.Name } | Select-Object -First 1
            if ($variant) { [pscustomobject]@{ Parameter = $p; Variant = $variant } }
        }
        $memberNames = @($members | ForEach-Object { $_.Parameter.Name })
        foreach ($t in $tokens) {
            if ($t -notin $memberNames -and -not $script:SyntaxOnlyParameters.Contains($t)) { Stop-Malformed $File $set.Code.Line "the SYNTAX block of '$($set.Name)' names -$t, but no yaml block puts -$t in that set." }
        }
        foreach ($m in $memberNames) {
            if ($m -notin $tokens) { Stop-Malformed $File $set.Code.Line "the yaml puts -$m in the set '$($set.Name)', but its SYNTAX block does not name it." }
        }
        $ordered = foreach ($t in $tokens) {
            $m = $members | Where-Object { $_.Parameter.Name -eq $t }
            if ($m) { $m }
            else { [pscustomobject]@{ Parameter = $null; Variant = $null; SyntaxOnly = $t } }
        }
        [pscustomobject]@{ Name = $set.Name; Members = @($ordered) }
    }

    # EXAMPLES
    $examples = [System.Collections.Generic.List[object]]::new()
    $exampleSections = @(Get-Section -Blocks $sections['EXAMPLES'].Blocks -Level 3)
    if (@($exampleSections[0].Blocks).Count -gt 0) { Stop-Malformed $File $exampleSections[0].Blocks[0].Line 'text before the first ### Example heading.' }
    $n = 0
    foreach ($e in $exampleSections | Select-Object -Skip 1) {
        $n++
        if ($e.Heading.Text -notmatch '^Example (\d+)\s*:\s*(\S.*)$') { Stop-Malformed $File $e.Heading.Line "'### $($e.Heading.Text)' is not '### Example N: title'." }
        if ([int]$Matches[1] -ne $n) { Stop-Malformed $File $e.Heading.Line "example $($Matches[1]) should be numbered $n." }
        $title = ConvertFrom-Inline $Matches[2].Trim()
        $code = [System.Collections.Generic.List[string]]::new()
        $remarks = [System.Collections.Generic.List[string]]::new()
        $sawCode = $false
        foreach ($b in $e.Blocks) {
            if ($b.Kind -eq 'Heading') { Stop-Malformed $File $b.Line 'an example cannot have sub-headings.' }
            if ($b.Kind -eq 'Code' -and $b.Language -in 'powershell', 'pwsh', 'ps1', 'ps') {
                if ($remarks.Count -gt 0 -and $sawCode) { Stop-Malformed $File $b.Line 'put all of an example''s powershell code before its output and explanation, or split it into two examples.' }
                if (-not $b.Text.Trim()) { Stop-Malformed $File $b.Line 'the powershell code block is empty.' }
                $code.Add($b.Text.TrimEnd())
                $sawCode = $true
                continue
            }
            if (-not $sawCode) { Stop-Malformed $File $b.Line 'an example starts with its powershell code block (```powershell).' }
            if ($b.Kind -eq 'Code') { $remarks.Add((($b.Text -split "`n") -join "`n")); continue }
            $remarks.AddRange([string[]]@(ConvertTo-Paragraph @($b)))
        }
        if (-not $sawCode) { Stop-Malformed $File $e.Heading.Line 'the example has no ```powershell code block.' }
        if ($remarks.Count -eq 0) { Stop-Malformed $File $e.Heading.Line 'the example has no explanation after its code.' }
        $examples.Add([pscustomobject]@{ Title = "Example ${n}: $title"; Code = ($code -join "`n`n"); Remarks = $remarks.ToArray() })
    }
    if ($examples.Count -eq 0) { Stop-Malformed $File $sections['EXAMPLES'].Heading.Line 'there are no examples.' }

    # INPUTS / OUTPUTS
    $typeLists = @{}
    foreach ($kind in 'INPUTS', 'OUTPUTS') {
        $typeSections = @(Get-Section -Blocks $sections[$kind].Blocks -Level 3)
        if (@($typeSections[0].Blocks).Count -gt 0) { Stop-Malformed $File $typeSections[0].Blocks[0].Line "$kind starts with a ### type heading." }
        if ($typeSections.Count -lt 2) { Stop-Malformed $File $sections[$kind].Heading.Line "$kind has no ### type heading (use ### None when there is none)." }
        $typeLists[$kind] = @(foreach ($t in $typeSections | Select-Object -Skip 1) {
                [pscustomobject]@{ Name = (ConvertFrom-Inline $t.Heading.Text.Trim()); Description = @(ConvertTo-Paragraph $t.Blocks) }
            })
    }

    # NOTES
    $notes = @(ConvertTo-Paragraph @($sections['NOTES'].Blocks))
    if ($notes.Count -eq 0) { Stop-Malformed $File $sections['NOTES'].Heading.Line 'NOTES is empty.' }

    # RELATED LINKS
    $links = foreach ($b in $sections['RELATED LINKS'].Blocks) {
        $items = switch ($b.Kind) {
            'Paragraph' { , $b.Text }
            'List' { $b.Items | ForEach-Object { $_ -replace '^\S+\s+', '' } }
            default { Stop-Malformed $File $b.Line 'RELATED LINKS holds only [text](uri) links.' }
        }
        foreach ($item in $items) {
            $found = [regex]::Matches($item, '\[([^\]]+)\]\(([^)]*)\)')
            if ($found.Count -eq 0) { Stop-Malformed $File $b.Line "'$item' is not a [text](uri) link." }
            foreach ($m in $found) {
                $uri = $m.Groups[2].Value.Trim()
                [pscustomobject]@{ Text = $m.Groups[1].Value.Trim(); Uri = $(if ($uri -match '^https?://') { $uri } else { '' }) }
            }
        }
    }

    [pscustomobject]@{
        File        = $File
        Name        = $name
        Verb        = $verb
        Noun        = $noun
        Synopsis    = $synopsis[0]
        Description = $description
        SyntaxItems = @($syntaxItems)
        Parameters  = $parameters.ToArray()
        Examples    = $examples.ToArray()
        Inputs      = $typeLists['INPUTS']
        Outputs     = $typeLists['OUTPUTS']
        Notes       = $notes
        Links       = @($links)
    }
}

# ---------------------------------------------------------------------------------------------
# MAML writing
# ---------------------------------------------------------------------------------------------

$script:Ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

function Write-Element {
    param([System.Xml.XmlWriter] $W, [string] $Prefix, [string] $Name, [string] $Value)
    $W.WriteElementString($Prefix, $Name, $script:Ns[$Prefix], $Value)
}

function Write-Paragraphs {
    param([System.Xml.XmlWriter] $W, [string] $Prefix, [string] $Name, [string[]] $Paragraphs)
    $W.WriteStartElement($Prefix, $Name, $script:Ns[$Prefix])
    foreach ($p in $Paragraphs) { Write-Element $W 'maml' 'para' $p }
    $W.WriteEndElement()
}

function Get-TypeName {
    <# "String[]" stays as written; the MAML shows what the markdown says. #>
    param([string] $Type)
    $Type.Trim()
}

function Write-ParameterElement {
    param([System.Xml.XmlWriter] $W, [object] $Parameter, [object] $Variant, [bool] $InSyntax)
    $isSwitch = $Variant.Type -match '^(System\.Management\.Automation\.)?SwitchParameter$'
    $W.WriteStartElement('command', 'parameter', $script:Ns.command)
    $W.WriteAttributeString('required', $Variant.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', $(if ($Variant.Type.EndsWith('[]')) { 'true' } else { 'false' }))
    $W.WriteAttributeString('globbing', $Variant.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Variant.PipelineInput)
    $W.WriteAttributeString('position', $Variant.Position)
    $W.WriteAttributeString('aliases', $(if (@($Variant.Aliases).Count) { $Variant.Aliases -join ', ' } else { 'none' }))
    Write-Element $W 'maml' 'name' $Parameter.Name
    Write-Paragraphs $W 'maml' 'description' $Parameter.Description
    if ($InSyntax -and @($Variant.Accepted).Count -gt 0) {
        $W.WriteStartElement('command', 'parameterValueGroup', $script:Ns.command)
        foreach ($a in $Variant.Accepted) {
            $W.WriteStartElement('command', 'parameterValue', $script:Ns.command)
            $W.WriteAttributeString('required', 'false')
            $W.WriteAttributeString('command', 'variableLength', $script:Ns.command, 'false')
            $W.WriteString($a)
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    elseif (-not ($InSyntax -and $isSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $script:Ns.command)
        $W.WriteAttributeString('required', $(if ($isSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString((Get-TypeName $Variant.Type))
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $script:Ns.dev)
    Write-Element $W 'maml' 'name' (Get-TypeName $Variant.Type)
    $W.WriteStartElement('maml', 'uri', $script:Ns.maml); $W.WriteEndElement()
    $W.WriteEndElement()
    Write-Element $W 'dev' 'defaultValue' $Variant.DefaultValue
    $W.WriteEndElement()
}

function Write-SyntaxOnlyParameter {
    param([System.Xml.XmlWriter] $W, [string] $Name)
    $W.WriteStartElement('command', 'parameter', $script:Ns.command)
    foreach ($a in @(@('required', 'false'), @('variableLength', 'false'), @('globbing', 'false'), @('pipelineInput', 'False'), @('position', 'named'), @('aliases', $(if ($Name -eq 'WhatIf') { 'wi' } else { 'cf' })))) {
        $W.WriteAttributeString($a[0], $a[1])
    }
    Write-Element $W 'maml' 'name' $Name
    Write-Paragraphs $W 'maml' 'description' @($script:SyntaxOnlyParameters[$Name])
    $W.WriteStartElement('dev', 'type', $script:Ns.dev)
    Write-Element $W 'maml' 'name' 'SwitchParameter'
    $W.WriteStartElement('maml', 'uri', $script:Ns.maml); $W.WriteEndElement()
    $W.WriteEndElement()
    Write-Element $W 'dev' 'defaultValue' 'False'
    $W.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $W, [object] $Page)
    $W.WriteStartElement('command', 'command', $script:Ns.command)
    $W.WriteAttributeString('xmlns', 'maml', $null, $script:Ns.maml)
    $W.WriteAttributeString('xmlns', 'command', $null, $script:Ns.command)
    $W.WriteAttributeString('xmlns', 'dev', $null, $script:Ns.dev)
    $W.WriteAttributeString('xmlns', 'MSHelp', $null, $script:Ns.MSHelp)

    $W.WriteStartElement('command', 'details', $script:Ns.command)
    Write-Element $W 'command' 'name' $Page.Name
    Write-Element $W 'command' 'verb' $Page.Verb
    Write-Element $W 'command' 'noun' $Page.Noun
    Write-Paragraphs $W 'maml' 'description' @($Page.Synopsis)
    $W.WriteEndElement()

    Write-Paragraphs $W 'maml' 'description' $Page.Description

    $W.WriteStartElement('command', 'syntax', $script:Ns.command)
    foreach ($item in $Page.SyntaxItems) {
        $W.WriteStartElement('command', 'syntaxItem', $script:Ns.command)
        Write-Element $W 'maml' 'name' $Page.Name
        foreach ($m in $item.Members) {
            if ($null -eq $m.Parameter) { Write-SyntaxOnlyParameter $W $m.SyntaxOnly }
            else { Write-ParameterElement $W $m.Parameter $m.Variant $true }
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # One entry per parameter; a parameter whose attributes differ by set shows its first variant,
    # with required/position/pipeline input taken from the most permissive one.
    $W.WriteStartElement('command', 'parameters', $script:Ns.command)
    foreach ($p in $Page.Parameters) {
        $v = $p.Variants[0]
        if ($p.Variants.Count -gt 1) {
            $v = [pscustomobject]@{
                Type          = $v.Type
                Sets          = @($p.Variants | ForEach-Object { $_.Sets })
                Aliases       = $v.Aliases
                Required      = [bool](@($p.Variants | Where-Object Required).Count -eq $p.Variants.Count)
                Position      = $(($p.Variants | Where-Object Position -ne 'named' | Select-Object -First 1 -ExpandProperty Position) ?? 'named')
                DefaultValue  = $v.DefaultValue
                PipelineInput = $(($p.Variants | Where-Object PipelineInput -ne 'False' | Select-Object -First 1 -ExpandProperty PipelineInput) ?? 'False')
                Globbing      = [bool](@($p.Variants | Where-Object Globbing).Count)
                Accepted      = $v.Accepted
            }
        }
        Write-ParameterElement $W $p $v $false
    }
    $W.WriteEndElement()

    foreach ($kind in @(@('inputTypes', 'inputType', $Page.Inputs), @('returnValues', 'returnValue', $Page.Outputs))) {
        $W.WriteStartElement('command', $kind[0], $script:Ns.command)
        foreach ($t in $kind[2]) {
            $W.WriteStartElement('command', $kind[1], $script:Ns.command)
            $W.WriteStartElement('dev', 'type', $script:Ns.dev)
            Write-Element $W 'maml' 'name' $t.Name
            $W.WriteEndElement()
            Write-Paragraphs $W 'maml' 'description' $t.Description
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    $W.WriteStartElement('maml', 'alertSet', $script:Ns.maml)
    $W.WriteStartElement('maml', 'alert', $script:Ns.maml)
    foreach ($n in $Page.Notes) { Write-Element $W 'maml' 'para' $n }
    $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $script:Ns.command)
    foreach ($e in $Page.Examples) {
        $W.WriteStartElement('command', 'example', $script:Ns.command)
        Write-Element $W 'maml' 'title' "--------- $($e.Title) ---------"
        Write-Element $W 'dev' 'code' $e.Code
        # The trailing empty paragraph puts a blank line between one example and the next title.
        Write-Paragraphs $W 'dev' 'remarks' @($e.Remarks + '')
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $script:Ns.command)
    foreach ($l in $Page.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $script:Ns.maml)
        Write-Element $W 'maml' 'linkText' $l.Text
        Write-Element $W 'maml' 'uri' $l.Uri
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement() # command:command
}

function Test-MamlDocument {
    <# Reads the written file back and checks the structure Get-Help relies on. #>
    param([string] $File, [string[]] $Expected)
    $doc = [System.Xml.XmlDocument]::new()
    $doc.Load($File)
    $nsm = [System.Xml.XmlNamespaceManager]::new($doc.NameTable)
    foreach ($k in $script:Ns.Keys) { $nsm.AddNamespace($k, $script:Ns[$k]) }
    if ($doc.DocumentElement.LocalName -ne 'helpItems' -or $doc.DocumentElement.GetAttribute('schema') -ne 'maml') { throw "$File is not a MAML helpItems document." }
    $names = @($doc.SelectNodes('/msh:helpItems/command:command/command:details/command:name', $nsm) | ForEach-Object InnerText)
    if (Compare-Object $names $Expected) { throw "$File holds commands $($names -join ', '), expected $($Expected -join ', ')." }
    foreach ($cmd in $doc.SelectNodes('/msh:helpItems/command:command', $nsm)) {
        foreach ($xpath in 'command:details/maml:description/maml:para', 'command:syntax/command:syntaxItem', 'command:parameters/command:parameter', 'command:examples/command:example/dev:code') {
            if ($cmd.SelectNodes($xpath, $nsm).Count -eq 0) { throw "$File : $($cmd.SelectSingleNode('command:details/command:name', $nsm).InnerText) has no $xpath." }
        }
    }
}

# ---------------------------------------------------------------------------------------------
# about_ topics
# ---------------------------------------------------------------------------------------------

function Format-Wrapped {
    <# Wraps text at $Width columns with an indent (and a hanging indent for list items). #>
    param([string] $Text, [int] $Indent, [int] $Hanging = 0, [int] $Width = 80)
    $words = @($Text -split '\s+' | Where-Object { $_ })
    $lines = [System.Collections.Generic.List[string]]::new()
    $current = ' ' * $Indent
    $fresh = $true
    foreach ($w in $words) {
        if (-not $fresh -and $current.Length + 1 + $w.Length -gt $Width) {
            $lines.Add($current)
            $current = (' ' * ($Indent + $Hanging)) + $w
        }
        elseif ($fresh) { $current += $w; $fresh = $false }
        else { $current += ' ' + $w }
    }
    if (-not $fresh) { $lines.Add($current) }
    $lines
}

function Format-AboutTable {
    <#
    A table for an 80-column about topic: aligned columns when it fits; two columns with the second
    wrapped beside the first when that fits; otherwise one block per row (first cell, then
    'Header: value' lines).
    #>
    param([object[]] $Rows, [int] $Indent, [int] $Width = 80)
    $aligned = @(Format-TableText -Rows $Rows -Indent $Indent)
    if (-not ($aligned | Where-Object { $_.Length -gt $Width })) { return $aligned }

    $plain = @(foreach ($r in $Rows) { , [string[]]@($r | ForEach-Object { ConvertFrom-Inline $_ }) })
    $pad = ' ' * $Indent
    if ($plain[0].Count -eq 2) {
        $first = ($plain | ForEach-Object { $_[0].Length } | Measure-Object -Maximum).Maximum
        if ($Indent + $first + 2 + 30 -le $Width) {
            $lineNo = 0
            foreach ($r in $plain) {
                $wrapped = @(Format-Wrapped $r[1] -Indent 0 -Width ($Width - $Indent - $first - 2))
                if ($wrapped.Count -eq 0) { $wrapped = @('') }
                ($pad + $r[0].PadRight($first) + '  ' + $wrapped[0]).TrimEnd()
                foreach ($w in $wrapped | Select-Object -Skip 1) { $pad + (' ' * ($first + 2)) + $w }
                if ($lineNo -eq 0) { $pad + ('-' * $first) + '  ' + ('-' * ($Width - $Indent - $first - 2)) }
                $lineNo++
            }
            return
        }
    }
    $headers = $plain[0]
    $firstRow = $true
    foreach ($r in $plain | Select-Object -Skip 1) {
        if (-not $firstRow) { '' }
        $firstRow = $false
        $pad + $r[0]
        for ($c = 1; $c -lt $r.Count; $c++) {
            Format-Wrapped "$($headers[$c]): $($r[$c])" -Indent ($Indent + 4) -Hanging 2 -Width $Width
        }
    }
}

function ConvertTo-AboutText {
    param([string] $File)
    $blocks = @(Split-MarkdownBlock -File $File -Lines @(Read-MarkdownLines $File))
    $topic = [IO.Path]::GetFileNameWithoutExtension($File)
    $top = @(Get-Section -Blocks $blocks -Level 1)
    if ($top.Count -ne 2 -or @($top[0].Blocks).Count -gt 0) { Stop-Malformed $File 0 "it needs exactly one '# $topic' heading, first." }
    if ($top[1].Heading.Text.Trim() -cne $topic) { Stop-Malformed $File $top[1].Heading.Line "the title '$($top[1].Heading.Text)' does not match the file name '$topic'." }
    $h2 = @(Get-Section -Blocks $top[1].Blocks -Level 2)
    if (@($h2[0].Blocks).Count -gt 0) { Stop-Malformed $File $h2[0].Blocks[0].Line 'text before the first ## section.' }
    $titles = @($h2 | Select-Object -Skip 1 | ForEach-Object { $_.Heading.Text.Trim().ToUpperInvariant() })
    if ($titles.Count -lt 2 -or $titles[0] -ne 'SHORT DESCRIPTION' -or $titles[1] -ne 'LONG DESCRIPTION') {
        Stop-Malformed $File 0 "an about topic starts with '## Short description' and '## Long description'."
    }
    if (@($titles | Group-Object | Where-Object Count -gt 1).Count) { Stop-Malformed $File 0 'a ## section appears twice.' }

    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add("    $topic")
    foreach ($s in $h2 | Select-Object -Skip 1) {
        $out.Add('')
        $out.Add($s.Heading.Text.Trim().ToUpperInvariant())
        if (@($s.Blocks).Count -eq 0) { Stop-Malformed $File $s.Heading.Line "the section '## $($s.Heading.Text)' is empty." }
        $first = $true
        foreach ($b in $s.Blocks) {
            if (-not $first) { $out.Add('') }
            $first = $false
            switch ($b.Kind) {
                'Heading' {
                    if ($b.Level -ne 3) { Stop-Malformed $File $b.Line 'use ### for sub-headings in an about topic.' }
                    $text = ConvertFrom-Inline $b.Text
                    $out.Add("  $text")
                    $out.Add('  ' + ('-' * $text.Length))
                    $first = $true
                }
                'Paragraph' { $out.AddRange([string[]]@(Format-Wrapped (ConvertFrom-Inline $b.Text) -Indent 4)) }
                'List' {
                    foreach ($item in $b.Items) {
                        $marker = ($item -split ' ', 2)[0]
                        $rest = ($item -split ' ', 2)[1]
                        $out.AddRange([string[]]@(Format-Wrapped ("$marker " + (ConvertFrom-Inline $rest)) -Indent 4 -Hanging ($marker.Length + 1)))
                    }
                }
                'Code' { foreach ($l in ($b.Text -split "`n")) { $out.Add(("        $l").TrimEnd()) } }
                'Table' { $out.AddRange([string[]]@(Format-AboutTable -Rows $b.Rows -Indent 4)) }
            }
        }
    }
    $out.Add('')
    $out -join [Environment]::NewLine
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

if (-not (Test-Path -LiteralPath $Path -PathType Container)) { throw "The help folder '$Path' does not exist." }
$sourceFiles = @(Get-ChildItem -LiteralPath $Path -Filter '*.md' -File | Sort-Object Name)
$cmdletFiles = @($sourceFiles | Where-Object { $_.Name -notlike 'about_*' })
$aboutFiles = @($sourceFiles | Where-Object { $_.Name -like 'about_*' })
if ($cmdletFiles.Count -eq 0) { throw "No cmdlet help (<Verb>-<Noun>.md) in '$Path'." }

# Parse everything first, so a malformed file fails the build before anything is written.
$pages = @(foreach ($f in $cmdletFiles) { Read-CmdletPage -File $f.FullName })
$abouts = @(foreach ($f in $aboutFiles) { [pscustomobject]@{ Name = $f.BaseName; Text = (ConvertTo-AboutText -File $f.FullName) } })

$null = New-Item -ItemType Directory -Path $OutputPath -Force
$outputDir = (Resolve-Path -LiteralPath $OutputPath).ProviderPath
$mamlFile = Join-Path $outputDir $HelpFileName

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.NewLineChars = "`n"
$writer = [System.Xml.XmlWriter]::Create($mamlFile, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', $script:Ns.msh)
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($page in $pages) { Write-Command -W $writer -Page $page }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}
Test-MamlDocument -File $mamlFile -Expected @($pages | ForEach-Object Name)
Write-Verbose "Wrote $mamlFile ($($pages.Count) cmdlets)"

foreach ($a in $abouts) {
    $target = Join-Path $outputDir "$($a.Name).help.txt"
    [IO.File]::WriteAllText($target, $a.Text, [System.Text.UTF8Encoding]::new($false))
    Write-Verbose "Wrote $target"
}
