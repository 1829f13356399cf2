# PSDocker.Core and its dependencies (YamlDotNet, Microsoft.Extensions.*) load into PSDocker's own AssemblyLoadContext
# from out/PSDocker/dependencies, so PSDocker works in a session where another module (powershell-yaml, say) loaded other
# versions of them first, and leaves that module its own. Each case runs in a fresh pwsh: a loaded module cannot be unloaded.

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    $script:ModuleDir = Join-Path $PSScriptRoot '../out/PSDocker' | Resolve-Path | ForEach-Object Path
    $self = (Get-Process -Id $PID).Path
    $script:Pwsh = if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { $self }
    else { Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }) }

    # Other versions than PSDocker ships, restored by tests/PSDocker.Core.Tests (PackageDownload).
    $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    function Find-PackageDll([string] $Id, [string] $Version, [string] $Dll) {
        foreach ($tfm in 'net8.0', 'net6.0', 'netstandard2.1', 'netstandard2.0') {
            $path = Join-Path $nuget "$($Id.ToLowerInvariant())/$Version/lib/$tfm/$Dll"
            if (Test-Path $path) { return $path }
        }
        throw "$Id $Version is not restored under ${nuget}: run 'dotnet restore tests/PSDocker.Core.Tests'."
    }
    $script:OtherYaml = Find-PackageDll 'YamlDotNet' '11.2.1' 'YamlDotNet.dll'
    $script:OtherHttp = Find-PackageDll 'Microsoft.Extensions.Http' '9.0.0' 'Microsoft.Extensions.Http.dll'

    function Invoke-IsolatedSession {
        <# Runs $Script in a new pwsh with $Before run first, and returns the facts it prints as JSON. #>
        param([string] $Before, [string] $Script)
        $code = @"
`$ErrorActionPreference = 'Stop'
$Before
$Script
"@
        $file = Join-Path ([IO.Path]::GetTempPath()) "psdalc-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $file -Value $code
        try {
            $out = & $script:Pwsh -NoProfile -NonInteractive -File $file 2>&1
            if ($LASTEXITCODE -ne 0) { throw "The child pwsh failed ($LASTEXITCODE): $($out -join "`n")" }
            ($out | Where-Object { $_ -is [string] }) -join "`n" | ConvertFrom-Json
        }
        finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
    }

    # What the child reports: PSDocker's context, where its Core and dependencies came from, and what the session has.
    $script:Facts = @'
$alc = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'PSDocker'
function Describe([Reflection.Assembly] $a) {
    if (-not $a) { return $null }
    @{ Version = $a.GetName().Version.ToString(); Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a).Name; Location = $a.Location }
}
$ours = @{}
foreach ($n in 'PSDocker.Core', 'Microsoft.Extensions.Http', 'YamlDotNet') { $ours[$n] = Describe ($alc.LoadFromAssemblyName([Reflection.AssemblyName]::new($n))) }
$default = @{}
foreach ($n in 'YamlDotNet', 'Microsoft.Extensions.Http') {
    $default[$n] = Describe ([System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { $_.GetName().Name -eq $n } | Select-Object -First 1)
}
[pscustomobject]@{
    Contexts        = @([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'PSDocker').Count
    Ours            = $ours
    Default         = $default
    Cmdlets         = (Describe ([PSDocker.Commands.DockerCmdlet].Assembly))
    Models          = (Describe ([PSDocker.ImageReference].Assembly))
    ContainerCount  = $containers.Count
    AllContainers   = @($containers | Where-Object { $_ -is [PSDocker.Container] }).Count
    EngineKind      = "$($engine.Kind)"
    ParsedReference = ([PSDocker.ImageReference]::Parse('busybox')).FamiliarName
    YamlStillWorks  = $yamlCheck
} | ConvertTo-Json -Depth 5
'@
}

Describe 'PSDocker beside other versions of its dependencies' {
    It 'loads its own Core, YamlDotNet and Microsoft.Extensions.Http into its own context when another module loaded other versions first' {
        $before = @"
`$null = [Reflection.Assembly]::LoadFrom('$OtherYaml')
`$null = [Reflection.Assembly]::LoadFrom('$OtherHttp')
"@
        $run = @"
Import-Module '$ModuleDir/PSDocker.psd1'
`$containers = @(Get-Container -Endpoint '$Endpoint')
`$engine = Get-ContainerEngine -Endpoint '$Endpoint'
# The other module's YamlDotNet still does its job.
`$yamlCheck = [YamlDotNet.Serialization.Deserializer]::new().Deserialize[object]('a: 1')['a']
$Facts
"@
        $f = Invoke-IsolatedSession -Before $before -Script $run

        $f.Contexts | Should -Be 1
        $f.Default.YamlDotNet.Version | Should -Be '11.0.0.0' -Because 'the session keeps the YamlDotNet it loaded first'
        $f.Default.'Microsoft.Extensions.Http'.Version | Should -Be '9.0.0.0'
        $f.YamlStillWorks | Should -Be '1'

        foreach ($name in 'PSDocker.Core', 'Microsoft.Extensions.Http', 'YamlDotNet') {
            $f.Ours.$name.Context | Should -Be 'PSDocker' -Because "$name must come from PSDocker's own context"
            $f.Ours.$name.Location | Should -Be (Join-Path $ModuleDir "dependencies/$name.dll")
        }
        $f.Ours.YamlDotNet.Version | Should -Not -Be $f.Default.YamlDotNet.Version
        $f.Ours.'Microsoft.Extensions.Http'.Version | Should -Be '8.0.0.0'

        # The cmdlets and the types users see stay in the default context: type literals and format views work.
        $f.Cmdlets.Context | Should -Be 'Default'
        $f.Models.Context | Should -Be 'Default'
        $f.ParsedReference | Should -Be 'busybox'
        $f.EngineKind | Should -Be $(if ($IsPodman) { 'Podman' } else { 'Docker' })
        $f.AllContainers | Should -Be $f.ContainerCount
    }

    It 'leaves the session free to load other versions after it' {
        $run = @"
Import-Module '$ModuleDir/PSDocker.psd1'
`$containers = @(Get-Container -Endpoint '$Endpoint')
`$engine = Get-ContainerEngine -Endpoint '$Endpoint'
`$null = [Reflection.Assembly]::LoadFrom('$OtherYaml')
`$yamlCheck = [YamlDotNet.Serialization.Deserializer]::new().Deserialize[object]('a: 1')['a']
$Facts
"@
        $f = Invoke-IsolatedSession -Script $run
        $f.Default.YamlDotNet.Version | Should -Be '11.0.0.0'
        $f.YamlStillWorks | Should -Be '1'
        $f.Ours.YamlDotNet.Context | Should -Be 'PSDocker'
        $f.Ours.YamlDotNet.Version | Should -Not -Be '11.0.0.0'
        $f.Ours.'PSDocker.Core'.Context | Should -Be 'PSDocker'
    }

    It 'lays out the module: cmdlets and models in the folder, Core and its dependencies under dependencies/' {
        @(Get-ChildItem -Path $ModuleDir -Filter '*.dll' -File | ForEach-Object Name | Sort-Object) | Should -Be @('PSDocker.dll', 'PSDocker.Models.dll')
        $deps = @(Get-ChildItem -Path (Join-Path $ModuleDir 'dependencies') -Filter '*.dll' -File | ForEach-Object Name)
        $deps | Should -Contain 'PSDocker.Core.dll'
        $deps | Should -Contain 'YamlDotNet.dll'
        $deps | Should -Contain 'Microsoft.Extensions.Http.dll'
    }
}
