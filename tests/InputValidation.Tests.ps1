# Bad input is rejected before anything is sent: a NUL character anywhere a value reaches the engine (one check for every
# cmdlet's parameters, and one where requests are built for values bound from the pipeline), container names too long to
# be names; and a relative -Volume that climbs out of the current folder warns
# which host folder it binds. The rejections use an endpoint where nothing listens: an error other than the validation one
# (EngineUnreachable) would mean something was sent.

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    $script:Nowhere = 'tcp://127.0.0.1:9'
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Input checked before sending' {
    It 'a NUL character in -<Parameter> of <Command> is NulCharacterInInput naming the parameter' -ForEach @(
        @{ Command = 'New-Container'; Parameter = 'Name'; Call = { New-Container -Image 'busybox' -Name "web`0x" -Endpoint $Nowhere } }
        @{ Command = 'New-Container'; Parameter = 'Port'; Call = { New-Container -Image 'busybox' -Port "80`0:80" -Endpoint $Nowhere } }
        @{ Command = 'New-Container'; Parameter = 'Volume'; Call = { New-Container -Image 'busybox' -Volume "/tmp`0:/x" -Endpoint $Nowhere } }
        @{ Command = 'New-Container'; Parameter = 'Environment'; Call = { New-Container -Image 'busybox' -Environment @{ "KEY`0" = 'v' } -Endpoint $Nowhere } }
        @{ Command = 'New-Container'; Parameter = 'Label'; Call = { New-Container -Image 'busybox' -Label @{ l = "v`0" } -Endpoint $Nowhere } }
        @{ Command = 'New-Container'; Parameter = 'Command'; Call = { New-Container -Image 'busybox' -Command 'echo', "a`0b" -Endpoint $Nowhere } }
        @{ Command = 'New-Container'; Parameter = 'Image'; Call = { New-Container -Image "busy`0box" -Endpoint $Nowhere } }
        @{ Command = 'Get-ContainerLog'; Parameter = 'Name'; Call = { Get-ContainerLog -Name "web`0" -Endpoint $Nowhere } }
        @{ Command = 'Get-Container'; Parameter = 'Name'; Call = { Get-Container -Name "web`0" -Endpoint $Nowhere } }
        @{ Command = 'New-ContainerVolume'; Parameter = 'Name'; Call = { New-ContainerVolume -Name "v`0" -Endpoint $Nowhere } }
        @{ Command = 'Invoke-ContainerCommand'; Parameter = 'Command'; Call = { Invoke-ContainerCommand -Name web -Command 'ls', "/`0" -Endpoint $Nowhere } }
    ) {
        $e = Get-TerminatingError $Call
        $e.FullyQualifiedErrorId | Should -Be "NulCharacterInInput,PSDocker.Commands.$($Command -replace '-', '')Command"
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.TargetObject | Should -Be $Parameter
        "$e" | Should -BeLike "*value of -$Parameter holds a NUL character*nothing was sent*"
    }

    It 'a NUL character in a value bound from the pipeline is caught where the request is built' {
        $e = Get-TerminatingError { [pscustomobject]@{ Id = "web`0x" } | Stop-Container -Endpoint $Endpoint }
        $e.FullyQualifiedErrorId | Should -Be 'NulCharacterInInput,PSDocker.Commands.StopContainerCommand'
        "$e" | Should -BeLike '*POST /containers/web\0x/stop holds a NUL character*'
    }

    It 'a container name of <Length> characters is InvalidContainerName (at most 253: a DNS name)' -ForEach @(
        @{ Length = 254 }
        @{ Length = 5000 }
    ) {
        $name = 'a' * $Length
        $e = Get-TerminatingError { New-Container -Image 'busybox' -Name $name -Endpoint $Nowhere }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidContainerName,PSDocker.Commands.NewContainerCommand'
        "$e" | Should -BeLike "*has $Length characters*at most 253*"
        "$e".Length | Should -BeLessThan 300 -Because 'the message does not repeat the whole name'
        $e = Get-TerminatingError { Rename-Container -Name web -NewName $name -Endpoint $Nowhere }
        $e.FullyQualifiedErrorId | Should -Be 'InvalidContainerName,PSDocker.Commands.RenameContainerCommand'
    }

    It 'a container name of 253 characters is accepted' {
        $name = "psdt-$RunId-" + ('n' * (253 - "psdt-$RunId-".Length))
        $c = New-TestContainer -Name $name -Command 'true'
        $c.Name | Should -Be $name
    }

    # UPPER/case itself: ImageReference.Tests.ps1 (the parser every cmdlet uses).
    It 'a tag with upper case is a valid reference' {
        Add-ImageTag -Name $TestImage -Tag "psdt-$RunId-tag:UPPER" -ErrorAction Stop
        try { (docker -H $Endpoint image inspect "psdt-$RunId-tag:UPPER" | ConvertFrom-Json).Count | Should -Be 1 }
        finally { Remove-Image -Name "psdt-$RunId-tag:UPPER" -Confirm:$false -ErrorAction SilentlyContinue | Out-Null }
    }
}

Describe 'Relative -Volume paths' {
    BeforeAll {
        $script:Deep = Join-Path ([IO.Path]::GetTempPath()) "psdt-vol-$RunId/a"
        $null = New-Item -ItemType Directory -Path $Deep -Force
    }
    AfterAll { Remove-Item (Split-Path $Deep) -Recurse -Force -ErrorAction SilentlyContinue }

    It '''<Spec>'' binds <HostPath> with a warning naming it' -ForEach @(
        @{ Spec = '../../../../:/x'; HostPath = '/'; Why = 'the root of the host' }
        @{ Spec = '../:/x'; HostPath = '<parent>'; Why = 'outside the current location' }
    ) {
        Push-Location $Deep
        try {
            $c = New-Container -Image $TestImage -Name (New-TestName 'vol') -Label @{ $RunLabelKey = $RunId } -Volume $Spec -WarningVariable w -WarningAction SilentlyContinue -ErrorAction Stop
        }
        finally { Pop-Location }
        $expected = if ($HostPath -eq '<parent>') { Split-Path $Deep } else { $HostPath }
        @($w).Count | Should -Be 1
        "$($w[0])" | Should -BeLike "*'$($Spec -replace ':/x$')'*'$expected'*$Why*"
        ((Get-EngineInspect $c.Id).Mounts | Where-Object Destination -EQ '/x').Source | Should -Be $expected
    }

    It 'a relative path inside the current location binds it without a warning' {
        Push-Location $Deep
        try { $c = New-Container -Image $TestImage -Name (New-TestName 'vol') -Label @{ $RunLabelKey = $RunId } -Volume './data:/x' -WarningVariable w -WarningAction SilentlyContinue -ErrorAction Stop }
        finally { Pop-Location }
        @($w).Count | Should -Be 0
        ((Get-EngineInspect $c.Id).Mounts | Where-Object Destination -EQ '/x').Source | Should -Be (Join-Path $Deep 'data')
    }
}
