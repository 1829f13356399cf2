# Module-level checks of the built module in out/PSDocker: exports, imports cleanly, help for every
# cmdlet (synopsis, parameters, examples, no drift from the code), about_PSDocker, output types,
# ShouldProcess, and no DLL that PowerShell ships. None of these needs a container engine.

BeforeDiscovery {
    # The cmdlet list drives -ForEach, so read it at discovery time, without importing the module.
    $built = Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'
    $source = Join-Path $PSScriptRoot '../PSDocker.psd1'
    $manifestForDiscovery = if (Test-Path $built) { $built } else { $source }
    $cmdletCases = @((Import-PowerShellDataFile $manifestForDiscovery).CmdletsToExport | ForEach-Object { @{ Name = $_ } })

    # Cmdlets that change the engine's state: each must support -WhatIf/-Confirm. The container cmdlets
    # are named; any other exported cmdlet is taken to change state unless its verb is Get or Wait.
    $exported = @($cmdletCases | ForEach-Object { $_.Name })
    # Cmdlets whose verb is not Get or Wait but that change nothing: Import-ComposeProject only reads files.
    $readOnly = @('Import-ComposeProject')
    $stateChanging = @(
        'New-Container', 'Start-Container', 'Stop-Container', 'Suspend-Container', 'Resume-Container',
        'Restart-Container', 'Remove-Container', 'Invoke-Container', 'Invoke-ContainerPrune'
    ) + @($exported | Where-Object { $_.Split('-')[0] -notin 'Get', 'Wait' -and $_ -notin $readOnly }) | Select-Object -Unique
    $stateChangingCases = @($stateChanging | ForEach-Object { @{ Name = $_ } })
    # Prunes remove many objects at once: ConfirmImpact High. Everything else stays at Medium.
    $pruneCases = @($stateChangingCases | Where-Object { $_.Name -like 'Invoke-*Prune' })
    $mediumCases = @($stateChangingCases | Where-Object { $_.Name -notlike 'Invoke-*Prune' })

    # For each state-changing cmdlet, arguments that would make it call the engine without -WhatIf.
    $whatIfCases = @(
        @{ Name = 'New-Container'; Arguments = @{ Image = 'psdocker-test/busybox:1.35'; Name = 'whatif-new' } }
        @{ Name = 'Invoke-Container'; Arguments = @{ Image = 'psdocker-test/busybox:1.35'; Command = 'true' } }
        @{ Name = 'Invoke-Container'; Arguments = @{ Image = 'psdocker-test/busybox:1.35'; Detach = $true } }
        @{ Name = 'Start-Container'; Arguments = @{ Name = 'whatif-a', 'whatif-b' } }
        @{ Name = 'Stop-Container'; Arguments = @{ Name = 'whatif-a'; Kill = $true } }
        @{ Name = 'Suspend-Container'; Arguments = @{ Name = 'whatif-a' } }
        @{ Name = 'Resume-Container'; Arguments = @{ Name = 'whatif-a' } }
        @{ Name = 'Restart-Container'; Arguments = @{ Id = '0123456789ab' } }
        @{ Name = 'Rename-Container'; Arguments = @{ Name = 'whatif-a'; NewName = 'whatif-b' } }
        @{ Name = 'Remove-Container'; Arguments = @{ Name = 'whatif-a'; Force = $true } }
        @{ Name = 'Invoke-ContainerPrune'; Arguments = @{ Label = 'whatif' } }
        @{ Name = 'Invoke-ContainerCommand'; Arguments = @{ Name = 'whatif-a', 'whatif-b'; Command = 'hostname' } }
        @{ Name = 'New-Container'; Arguments = @{ Image = 'psdocker-test/busybox:1.35'; Network = 'whatif-a', 'whatif-b'; NetworkAlias = 'api'; Mount = 'type=tmpfs,target=/run'; Memory = '64m'; HealthCommand = 'true' } }
        @{ Name = 'New-ContainerNetwork'; Arguments = @{ Name = 'whatif-net'; Subnet = '10.99.0.0/24' } }
        @{ Name = 'Remove-ContainerNetwork'; Arguments = @{ Name = 'whatif-net' } }
        @{ Name = 'Connect-ContainerNetwork'; Arguments = @{ Network = 'whatif-net'; Container = 'whatif-a'; Alias = 'api' } }
        @{ Name = 'Disconnect-ContainerNetwork'; Arguments = @{ Network = 'whatif-net'; Container = 'whatif-a'; Force = $true } }
        @{ Name = 'Invoke-ContainerNetworkPrune'; Arguments = @{ Label = 'whatif' } }
        @{ Name = 'New-ContainerVolume'; Arguments = @{ Name = 'whatif-vol' } }
        @{ Name = 'Remove-ContainerVolume'; Arguments = @{ Name = 'whatif-vol'; Force = $true } }
        @{ Name = 'Invoke-ContainerVolumePrune'; Arguments = @{ Label = 'whatif' } }
        @{ Name = 'Set-Container'; Arguments = @{ Name = 'whatif-a', 'whatif-b'; Memory = '64m'; MemorySwap = '128m'; RestartPolicy = 'on-failure:3' } }
        @{ Name = 'Invoke-SystemPrune'; Arguments = @{ All = $true; Volumes = $true; Label = 'whatif' } }
        @{ Name = 'Copy-ContainerItem'; Arguments = @{ Path = 'whatif-a:/etc/hosts'; Destination = '/tmp/psd-whatif-hosts' } }
        @{ Name = 'Export-Container'; Arguments = @{ Name = 'whatif-a'; Path = '/tmp/psd-whatif-export.tar' } }
        @{ Name = 'Save-Image'; Arguments = @{ Name = 'whatif-image:1'; Path = '/tmp/psd-whatif-save.tar' } }
        @{ Name = 'New-Image'; Arguments = @{ Container = 'whatif-a'; Repository = 'whatif/image:1' } }
    )
}

BeforeAll {
    $script:ModuleRoot = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../out/PSDocker'))
    $script:ManifestPath = Join-Path $script:ModuleRoot 'PSDocker.psd1'
    if (-not (Test-Path $script:ManifestPath)) { throw "The module is not built: $script:ManifestPath is missing. Run ./build.ps1 first." }

    $common = Join-Path $PSScriptRoot 'common.ps1'
    if (Test-Path $common) {
        try {
            . $common
        }
        catch {
            # common.ps1 also points the tests at the private engine and fails without one; these tests
            # need only the module, so carry on with a plain import.
            Write-Warning "tests/common.ps1 did not load ($_); importing the module directly."
        }
    }
    if (-not (Get-Module -Name PSDocker)) {
        Import-Module $script:ManifestPath -Force -ErrorAction Stop
    }

    $script:Manifest = Import-PowerShellDataFile $script:ManifestPath
    $script:CommonParameterNames = [System.Management.Automation.Cmdlet]::CommonParameters +
        [System.Management.Automation.Cmdlet]::OptionalCommonParameters

    # The pwsh executable for child processes. Under "dotnet pwsh" this process is dotnet itself.
    $self = (Get-Process -Id $PID).Path
    $script:Pwsh = if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { $self }
    else { Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }) }

    function Get-ParameterFact {
        <# What the code says about a parameter, in the terms Get-Help uses. #>
        param([System.Management.Automation.ParameterMetadata] $Parameter)
        $sets = @($Parameter.ParameterSets.Values)
        $positions = @($sets | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Sort-Object -Unique)
        $type = $Parameter.ParameterType
        $underlying = [Nullable]::GetUnderlyingType($type)
        if ($underlying) { $type = $underlying }
        $byValue = [bool]($sets | Where-Object ValueFromPipeline)
        $byName = [bool]($sets | Where-Object ValueFromPipelineByPropertyName)
        [pscustomobject]@{
            Required = [bool](@($sets | Where-Object IsMandatory).Count -eq $sets.Count)
            Position = if ($positions.Count) { [string]$positions[0] } else { 'named' }
            Aliases  = @($Parameter.Aliases | Sort-Object)
            ByValue  = $byValue
            ByName   = $byName
            Globbing = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            Type     = $type.Name
        }
    }
}

Describe 'The PSDocker module' {
    It 'is the build in out/PSDocker' {
        $loaded = Get-Module -Name PSDocker
        @($loaded).Count | Should -Be 1
        [IO.Path]::GetFullPath($loaded.ModuleBase).TrimEnd([IO.Path]::DirectorySeparatorChar) |
            Should -Be $script:ModuleRoot.TrimEnd([IO.Path]::DirectorySeparatorChar)
    }

    It 'exports exactly the cmdlets the manifest lists' {
        $exported = @((Get-Module -Name PSDocker).ExportedCmdlets.Keys | Sort-Object)
        $exported | Should -Be @($script:Manifest.CmdletsToExport | Sort-Object)
        (Get-Command -Module PSDocker -CommandType Cmdlet).Count | Should -Be $script:Manifest.CmdletsToExport.Count
    }

    It 'lists its exports explicitly, without wildcards' {
        $script:Manifest.CmdletsToExport | Should -Not -BeNullOrEmpty
        $script:Manifest.CmdletsToExport | Where-Object { [WildcardPattern]::ContainsWildcardCharacters($_) } | Should -BeNullOrEmpty
        foreach ($key in 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            @($script:Manifest[$key] | Where-Object { $_ -match '\*' }) | Should -BeNullOrEmpty -Because "$key must not export by wildcard"
        }
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($name in $script:Manifest.CmdletsToExport) {
            $name.Split('-')[0] | Should -BeIn $approved -Because "$name must use an approved verb"
        }
    }

    It 'imports in a fresh pwsh without warnings or errors' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($script:ManifestPath -replace "'", "''")' -WarningVariable importWarnings -WarningAction SilentlyContinue
foreach (`$w in `$importWarnings) { 'WARNING: ' + `$w.Message }
'IMPORTED ' + (Get-Command -Module PSDocker).Count
"@
        $output = @(& $script:Pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Where-Object { $_ -like 'WARNING:*' } | Should -BeNullOrEmpty
        $output | Should -Contain "IMPORTED $($script:Manifest.CmdletsToExport.Count)"
    }

    It 'ships no DLL that PowerShell itself ships' {
        $ours = @(Get-ChildItem -Path $script:ModuleRoot -Filter '*.dll' -Recurse -File | ForEach-Object Name)
        $ours | Should -Contain 'PSDocker.dll'
        # The DLLs in $PSHOME itself are the ones PowerShell loads into the default load context. (Modules
        # under $PSHOME/Modules, such as PSResourceGet, keep private copies in their own folders.)
        $pwshOwned = @(Get-ChildItem -Path $PSHOME -Filter '*.dll' -File | ForEach-Object Name)
        $pwshOwned.Count | Should -BeGreaterThan 10 -Because "`$PSHOME ($PSHOME) should hold PowerShell's own DLLs"
        $pwshOwned | Should -Contain 'System.Management.Automation.dll'
        $clash = @($ours | Where-Object { $_ -in $pwshOwned })
        $clash | Should -BeNullOrEmpty -Because 'a DLL PowerShell ships must be left to PowerShell (System.Management.Automation, System.Text.Json, …)'
    }

    It 'ships its help as MAML for PSDocker.dll' {
        Join-Path $script:ModuleRoot 'en-US/PSDocker.dll-Help.xml' | Should -Exist
        foreach ($c in Get-Command -Module PSDocker) {
            $c.HelpFile | Should -BeLike '*PSDocker.dll-Help.xml' -Because "$($c.Name) must read its help from the MAML file"
        }
    }

    It 'has the about_PSDocker topic' {
        Join-Path $script:ModuleRoot 'en-US/about_PSDocker.help.txt' | Should -Exist
        $about = Get-Help -Name about_PSDocker -ErrorAction Stop | Out-String
        $about | Should -Match 'about_PSDocker'
        $about | Should -Match 'SHORT DESCRIPTION'
        $about | Should -Match 'DOCKER_HOST'
    }

    It 'lists and counts every exported cmdlet in about_PSDocker, group by group' {
        $text = Get-Content -Raw (Join-Path $PSScriptRoot '../en-US/about_PSDocker.md')
        $exportedNames = @((Get-Module PSDocker).ExportedCmdlets.Keys)
        # "16 for the life of containers:" then a table of the cmdlets: each group's count is its number of rows.
        $groups = @([regex]::Matches($text, '(?m)(\d+) for [^\n]+:\s*\n\s*\n\| Cmdlet \| What it does \|\s*\n\|---\|---\|\s*\n((?:\|[^\n]*\n)+)'))
        $groups.Count | Should -BeGreaterThan 1
        $listed = foreach ($g in $groups) {
            $rows = @([regex]::Matches($g.Groups[2].Value, '(?m)^\| `([A-Z]\w+-\w+)` \|') | ForEach-Object { $_.Groups[1].Value })
            $rows.Count | Should -Be @($g.Groups[2].Value.Trim() -split '\n').Count -Because 'every row of a group names one cmdlet'
            [int]$g.Groups[1].Value | Should -Be $rows.Count -Because "the group '$($g.Value.Split("`n")[0])' says how many rows it has"
            $rows
        }
        $exportedNames | Where-Object { $_ -notin $listed } | Should -BeNullOrEmpty -Because 'every exported cmdlet has a row in about_PSDocker'
        $listed | Where-Object { $_ -notin $exportedNames } | Should -BeNullOrEmpty -Because 'about_PSDocker lists only cmdlets the module exports'
        $listed | Group-Object | Where-Object Count -GT 1 | ForEach-Object Name | Should -BeNullOrEmpty -Because 'each cmdlet is listed once'
        $text | Should -Match "It has $($exportedNames.Count) cmdlets, in $(@('zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten')[$groups.Count]) groups"
    }
}

Describe '<Name>' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command -Name $Name -Module PSDocker -CommandType Cmdlet -ErrorAction Stop
        $help = Get-Help -Name "PSDocker\$Name" -Full
        $codeParameters = @($command.Parameters.Keys | Where-Object { $_ -notin $script:CommonParameterNames } | Sort-Object)
        $helpParameters = @($help.parameters.parameter | Where-Object { $_ } | ForEach-Object { $_.name })
    }

    It 'declares its output type' {
        # Every cmdlet says what it writes, in [OutputType] and in the OUTPUTS section of its help, and the
        # two agree. A cmdlet that writes nothing (by default) may say so in either place: in C# with
        # [OutputType(typeof(void))] - which Get-Command may report as System.Void or as an empty list -
        # or in its help with "### None". A cmdlet that writes only with -PassThru declares the -PassThru
        # type, and its OUTPUTS lists None and that type.
        $attributes = @($command.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true))
        $attributeTypes = @($attributes | ForEach-Object { $_.Type })
        $declaredVoid = [bool]($attributeTypes | Where-Object { $_.Type -eq [void] -or $_.Name -in 'System.Void', 'void' })
        $declared = @(@($command.OutputType | ForEach-Object Name) + @($attributeTypes | ForEach-Object Name) | Select-Object -Unique)
        $types = @($declared | Where-Object { $_ -and $_ -notin 'System.Void', 'void' })
        $returnValues = @($help.returnValues.returnValue | ForEach-Object { $_.type.name.Trim() } | Where-Object { $_ })
        $helpSaysNone = $returnValues -contains 'None'

        ($types.Count -gt 0 -or $declaredVoid -or $helpSaysNone) | Should -BeTrue -Because "$Name needs an [OutputType] attribute ([OutputType(typeof(void))] when it writes nothing), or OUTPUTS that say None"
        if ($types.Count -eq 0) {
            $returnValues | Should -Be @('None') -Because "$Name declares no output type, so the OUTPUTS section must say None and nothing else"
        }
        foreach ($t in $types) {
            $returnValues | Should -Contain $t -Because "the OUTPUTS section of $Name must list $t, which the cmdlet declares"
        }
        foreach ($r in $returnValues | Where-Object { $_ -ne 'None' }) {
            $types | Should -Contain $r -Because "the OUTPUTS section of $Name lists $r, so the cmdlet must declare [OutputType(typeof($r))]"
        }
    }

    It 'has help with a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without help, Get-Help makes the synopsis from the syntax ("Get-Container [[-Name] …").
        $help.Synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($Name) + '\s')
        ($help.description | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($e in $examples) {
            $e.code | Should -Not -BeNullOrEmpty
            (@($e.remarks | ForEach-Object Text) -join '').Trim() | Should -Not -BeNullOrEmpty -Because "$($e.title) needs an explanation"
        }
    }

    It 'documents exactly the parameters it has' {
        $helpParameters | Group-Object | Where-Object Count -gt 1 | ForEach-Object Name | Should -BeNullOrEmpty -Because 'a parameter is documented once'
        $missing = @($codeParameters | Where-Object { $_ -notin $helpParameters })
        $extra = @($helpParameters | Where-Object { $_ -notin $codeParameters })
        $missing | Should -BeNullOrEmpty -Because "every parameter of $Name needs help (missing: $($missing -join ', '))"
        $extra | Should -BeNullOrEmpty -Because "the help of $Name documents parameters the cmdlet does not have (extra: $($extra -join ', '))"
    }

    It 'describes every parameter' {
        foreach ($p in $help.parameters.parameter) {
            (@($p.description | ForEach-Object Text) -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$($p.name) of $Name needs a description"
        }
    }

    It 'documents each parameter as the code declares it' {
        foreach ($p in $help.parameters.parameter) {
            if (-not $command.Parameters.ContainsKey($p.name)) { continue } # reported by the drift test
            $fact = Get-ParameterFact $command.Parameters[$p.name]
            $because = "-$($p.name) of $Name"
            $p.required | Should -Be $fact.Required.ToString().ToLowerInvariant() -Because "$because (Required)"
            $p.position | Should -Be $fact.Position -Because "$because (Position)"
            $p.globbing | Should -Be $fact.Globbing.ToString().ToLowerInvariant() -Because "$because (Accept wildcard characters)"
            $helpAliases = @(if ($p.aliases -and $p.aliases -ne 'none') { $p.aliases -split ',\s*' | Sort-Object })
            $helpAliases | Should -Be $fact.Aliases -Because "$because (Aliases)"
            $p.pipelineInput -match 'ByValue' | Should -Be $fact.ByValue -Because "$because (pipeline input by value)"
            $p.pipelineInput -match 'ByPropertyName' | Should -Be $fact.ByName -Because "$because (pipeline input by property name)"
            $p.type.name | Should -Be $fact.Type -Because "$because (Type)"
        }
    }

    It 'has one syntax block per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be $command.ParameterSets.Count
        foreach ($item in $help.syntax.syntaxItem) {
            $item.name | Should -Be $Name
        }
    }
}

Describe 'ShouldProcess' {
    It '<Name> supports -WhatIf and -Confirm' -ForEach $stateChangingCases {
        $command = Get-Command -Name $Name -Module PSDocker
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
    }

    It '<Name> has ConfirmImpact High' -ForEach $pruneCases {
        $attribute = (Get-Command -Name $Name -Module PSDocker).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
    }

    It '<Name> leaves ConfirmImpact at Medium' -ForEach $mediumCases {
        $attribute = (Get-Command -Name $Name -Module PSDocker).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::Medium)
    }

    It '<Name> makes no engine call under -WhatIf' -ForEach $whatIfCases {
        # Nothing listens on the discard port: any call would fail with EngineUnreachable.
        $arguments = $Arguments.Clone()
        $output = & $Name @arguments -Endpoint 'tcp://127.0.0.1:9' -WhatIf -ErrorAction Stop -ErrorVariable problems 6>$null
        $output | Should -BeNullOrEmpty
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'The help builder (src/build/ConvertTo-MamlHelp.ps1)' {
    BeforeAll {
        $script:Builder = Join-Path $PSScriptRoot '../src/build/ConvertTo-MamlHelp.ps1'
        $script:HelpSource = Join-Path $PSScriptRoot '../en-US'

        function New-HelpCopy {
            <# A copy of en-US/Stop-Container.md, changed by $Edit, alone in a new folder. Returns the folder. #>
            param([scriptblock] $Edit)
            $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path $dir
            $text = (Get-Content -Raw (Join-Path $script:HelpSource 'Stop-Container.md')) -replace "`r", ''
            $changed = & $Edit $text
            $changed | Should -Not -Be $text -Because 'the edit must change the file'
            Set-Content -Path (Join-Path $dir 'Stop-Container.md') -Value $changed -NoNewline
            $dir
        }
    }

    It 'turns en-US into MAML with one command per cmdlet page, and an about topic' {
        $out = Join-Path $TestDrive 'built'
        & $script:Builder -Path $script:HelpSource -OutputPath $out
        [xml]$maml = Get-Content -Raw (Join-Path $out 'PSDocker.dll-Help.xml')
        $ns = [System.Xml.XmlNamespaceManager]::new($maml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $names = @($maml.SelectNodes('//command:command/command:details/command:name', $ns) | ForEach-Object InnerText)
        $pages = @(Get-ChildItem -Path $script:HelpSource -Filter '*-*.md' | ForEach-Object BaseName)
        $names | Sort-Object | Should -Be ($pages | Sort-Object)
        # Every page is for a cmdlet the module exports (a page for a removed or renamed cmdlet is stale).
        $pages | Where-Object { $_ -notin (Get-Module PSDocker).ExportedCmdlets.Keys } | Should -BeNullOrEmpty
        Join-Path $out 'about_PSDocker.help.txt' | Should -FileContentMatch '^TOPIC'
    }

    It 'fails on <Case>' -ForEach @(
        @{ Case = 'a missing section'; Edit = { param($t) $t -replace '(?s)## NOTES\n.*?(?=## RELATED LINKS)', '' } }
        @{ Case = 'an unclosed code block'; Edit = { param($t) $t.Remove($t.LastIndexOf('```'), 3) } }
        @{ Case = 'a parameter without a description'; Edit = { param($t) $t -replace '(?s)(### -Kill\n).*?(```yaml)', '$1$2' } }
        @{ Case = 'a yaml block without a key'; Edit = { param($t) $t -replace '(?s)(### -Kill\n.*?)Default value: False\n', '$1' } }
        @{ Case = 'a SYNTAX block that misses a parameter'; Edit = { param($t) $t.Remove($t.IndexOf(' [-Kill]'), 8) } }
        @{ Case = 'an example without code'; Edit = { param($t) $t -replace '(?s)(### Example 2: [^\n]*\n)```powershell\n.*?```\n', '$1' } }
        @{ Case = 'a title that is not the file name'; Edit = { param($t) $t -replace '(?m)^# Stop-Container$', '# Stop-Containers' } }
    ) {
        $dir = New-HelpCopy -Edit $Edit
        $out = Join-Path $dir 'out'
        { & $script:Builder -Path $dir -OutputPath $out } | Should -Throw '*Malformed help markdown*'
        Join-Path $out 'PSDocker.dll-Help.xml' | Should -Not -Exist
    }
}
