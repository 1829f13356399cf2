# Get-ContainerVolume, New-ContainerVolume, Remove-ContainerVolume and Invoke-ContainerVolumePrune against the
# private engine. Every volume this file makes carries its run label and a name with its run prefix; AfterAll
# removes them.

BeforeAll {
    . "$PSScriptRoot/common.ps1"

    function New-TestVolume {
        param([string] $Suffix = 'v', [hashtable] $Label = @{}, [hashtable] $Parameters = @{})
        $labels = @{ $RunLabelKey = $RunId }
        foreach ($k in $Label.Keys) { $labels[$k] = $Label[$k] }
        New-ContainerVolume -Name (New-TestName $Suffix) -Label $labels @Parameters -ErrorAction Stop
    }

    function Get-EngineVolume {
        <# The engine's own inspect data of a volume, or $null when it does not exist. #>
        param([Parameter(Mandatory, Position = 0)] [string] $Name)
        try { Invoke-Engine "volumes/$([uri]::EscapeDataString($Name))" }
        catch [Microsoft.PowerShell.Commands.HttpResponseException] {
            if ([int]$_.Exception.Response.StatusCode -eq 404) { return $null }
            throw
        }
    }
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
    if ($RunId) {
        $list = Invoke-Engine ('volumes?filters=' + [uri]::EscapeDataString((@{ label = @("$RunLabelKey=$RunId") } | ConvertTo-Json -Compress)))
        foreach ($v in @($list.Volumes)) {
            if (-not $v) { continue }
            try { $null = Invoke-Engine "volumes/$($v.Name)?force=1" -Method DELETE } catch { Write-Warning "Could not remove test volume $($v.Name): $_" }
        }
    }
}

Describe 'New-ContainerVolume' {
    It 'creates a named volume with labels and driver options and returns it' {
        $v = New-TestVolume -Label @{ purpose = 'create' } -Parameters @{ DriverOption = @{ type = 'tmpfs'; device = 'tmpfs'; o = 'uid=1000' } }
        $v | Should -BeOfType PSDocker.Volume
        $engine = Get-EngineVolume $v.Name
        $engine.Name | Should -Be $v.Name
        $v.Driver | Should -Be 'local'
        $v.Scope | Should -Be 'local'
        $v.Mountpoint | Should -Be $engine.Mountpoint
        $v.Labels['purpose'] | Should -Be 'create'
        $v.Options['type'] | Should -Be 'tmpfs'
        $engine.Options.o | Should -Be 'uid=1000'
        $v.UsedBy | Should -BeNullOrEmpty
        $v.IsAnonymous | Should -BeFalse
        $v.Created | Should -BeGreaterThan ([DateTime]::Now.AddMinutes(-5))
        $v.Endpoint | Should -Be $Endpoint
    }

    It 'creates an anonymous volume when no name is given' {
        $v = New-ContainerVolume -Label @{ $RunLabelKey = $RunId } -ErrorAction Stop
        $v.Name | Should -Match '^[0-9a-f]{64}$'
        $v.IsAnonymous | Should -BeTrue
        Get-EngineVolume $v.Name | Should -Not -BeNullOrEmpty
    }

    It 'returns the existing volume for a name that exists, as docker does' {
        $v = New-TestVolume
        $again = New-ContainerVolume -Name $v.Name -ErrorAction Stop
        $again.Name | Should -Be $v.Name
        $again.Mountpoint | Should -Be $v.Mountpoint
    }

    It 'rejects an invalid name before anything is sent' {
        $err = Get-TerminatingError { New-ContainerVolume -Name 'bad/name' }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidVolumeName,PSDocker.Commands.NewContainerVolumeCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'creates nothing under -WhatIf' {
        $name = New-TestName 'wi'
        New-ContainerVolume -Name $name -WhatIf | Should -BeNullOrEmpty
        Get-EngineVolume $name | Should -BeNullOrEmpty
    }
}

Describe 'Volumes used by containers' {
    It 'keeps data written by one container for the next, through -Mount and -Volume' {
        $v = New-TestVolume 'data'
        $label = @{ $RunLabelKey = $RunId }
        Invoke-Container $TestImage -Mount "type=volume,source=$($v.Name),target=/data" -AutoRemove -Label $label -Command sh, -c, 'echo persisted > /data/file' -ErrorAction Stop
        $read = Invoke-Container $TestImage -Volume "$($v.Name):/data:ro" -AutoRemove -Label $label -Command cat, /data/file -ErrorAction Stop
        $read | Should -Be 'persisted'
        $ro = @(Invoke-Container $TestImage -Mount "type=volume,source=$($v.Name),target=/data,readonly" -AutoRemove -Label $label -Command sh, -c, 'echo x > /data/other' -ErrorAction SilentlyContinue -ErrorVariable ev 2>&1)
        ($ev | Where-Object { $_.Exception -is [PSDocker.Errors.ContainerExitException] }) | Should -Not -BeNullOrEmpty
    }

    It 'shows the containers that use a volume, and filters dangling volumes' {
        $used = New-TestVolume 'used'
        $free = New-TestVolume 'free'
        $c = New-TestContainer -Parameters @{ Mount = "type=volume,source=$($used.Name),target=/data" }
        $v = Get-ContainerVolume $used.Name
        $v.UsedBy | Should -Be @($c.Name)
        (Get-ContainerVolume $free.Name).UsedBy | Should -BeNullOrEmpty
        $dangling = @(Get-ContainerVolume -Dangling -Label "$RunLabelKey=$RunId").Name
        $dangling | Should -Contain $free.Name
        $dangling | Should -Not -Contain $used.Name
        $inUse = @(Get-ContainerVolume -Dangling:$false -Label "$RunLabelKey=$RunId").Name
        $inUse | Should -Contain $used.Name
        $inUse | Should -Not -Contain $free.Name
    }

    It 'lists by wildcard and label, and reports a missing name' {
        $a = New-TestVolume 'la' -Label @{ role = 'a' }
        $b = New-TestVolume 'lb' -Label @{ role = 'b' }
        @(Get-ContainerVolume "$RunPrefix-l*").Name | Should -Contain $a.Name
        @(Get-ContainerVolume -Label "$RunLabelKey=$RunId", 'role=b').Name | Should -Be @($b.Name)
        @(Get-ContainerVolume -Driver local -Label 'role=a').Name | Should -Contain $a.Name
        Get-ContainerVolume "$RunPrefix-missing" -ErrorAction SilentlyContinue -ErrorVariable ev | Should -BeNullOrEmpty
        $ev[0].FullyQualifiedErrorId | Should -Be 'VolumeNotFound,PSDocker.Commands.GetContainerVolumeCommand'
    }
}

Describe 'Remove-ContainerVolume' {
    It 'refuses a volume in use (VolumeInUse), also with -Force, and removes it once the container is gone' {
        $v = New-TestVolume 'rm'
        $c = New-TestContainer -Parameters @{ Mount = "type=volume,source=$($v.Name),target=/data" }
        Remove-ContainerVolume $v.Name -ErrorAction SilentlyContinue -ErrorVariable ev
        $ev[0].FullyQualifiedErrorId | Should -Be 'VolumeInUse,PSDocker.Commands.RemoveContainerVolumeCommand'
        $ev[0].TargetObject | Should -Be $v.Name
        Remove-ContainerVolume $v.Name -Force -ErrorAction SilentlyContinue -ErrorVariable ev2
        $ev2[0].FullyQualifiedErrorId | Should -Be 'VolumeInUse,PSDocker.Commands.RemoveContainerVolumeCommand'
        Get-EngineVolume $v.Name | Should -Not -BeNullOrEmpty
        Remove-Container $c.Id -Force -ErrorAction Stop
        Get-ContainerVolume $v.Name | Remove-ContainerVolume -ErrorAction Stop
        Get-EngineVolume $v.Name | Should -BeNullOrEmpty
    }

    It 'goes on with the next volume after a missing one' {
        $v = New-TestVolume 'rm2'
        "$RunPrefix-missing", $v.Name | Remove-ContainerVolume -ErrorAction SilentlyContinue -ErrorVariable ev
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -Be 'VolumeNotFound,PSDocker.Commands.RemoveContainerVolumeCommand'
        Get-EngineVolume $v.Name | Should -BeNullOrEmpty
    }

    It 'removes nothing under -WhatIf' {
        $v = New-TestVolume 'rmw'
        $v | Remove-ContainerVolume -WhatIf
        Get-EngineVolume $v.Name | Should -Not -BeNullOrEmpty
    }
}

Describe 'Invoke-ContainerVolumePrune' {
    It 'removes unused volumes with the label and keeps used and other volumes' {
        $case = [guid]::NewGuid().ToString('N')
        $unused = New-TestVolume 'pu' -Label @{ 'psdtest.case' = $case }
        $used = New-TestVolume 'pk' -Label @{ 'psdtest.case' = $case }
        $other = New-TestVolume 'po'
        $c = New-TestContainer -Parameters @{ Mount = "type=volume,source=$($used.Name),target=/data" }
        Invoke-ContainerVolumePrune -Label "psdtest.case=$case" -All -WhatIf | Should -BeNullOrEmpty
        Get-EngineVolume $unused.Name | Should -Not -BeNullOrEmpty
        $r = Invoke-ContainerVolumePrune -Label "psdtest.case=$case" -All -Confirm:$false
        $r | Should -BeOfType PSDocker.VolumePruneResult
        $r.VolumesDeleted | Should -Contain $unused.Name
        $r.VolumesDeleted | Should -Not -Contain $used.Name
        Get-EngineVolume $unused.Name | Should -BeNullOrEmpty
        Get-EngineVolume $used.Name | Should -Not -BeNullOrEmpty
        Get-EngineVolume $other.Name | Should -Not -BeNullOrEmpty
        Remove-Container $c.Id -Force
    }

    It 'prunes named volumes without -All only where the engine does (API before 1.42, Podman), and says which in the confirmation' {
        $case = [guid]::NewGuid().ToString('N')
        $named = New-TestVolume 'pn' -Label @{ 'psdtest.case' = $case }
        $anonymous = New-ContainerVolume -Label @{ $RunLabelKey = $RunId; 'psdtest.case' = $case } -ErrorAction Stop
        $namedToo = $IsPodman -or (Get-ContainerEngine).ApiVersion -lt [version]'1.42'
        $what = Invoke-ContainerVolumePrune -Label "psdtest.case=$case" -Confirm:$false -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        Get-EngineVolume $anonymous.Name | Should -BeNullOrEmpty
        if ($namedToo) {
            "$what" | Should -Match 'named and anonymous'
            Get-EngineVolume $named.Name | Should -BeNullOrEmpty
        }
        else {
            "$what" | Should -Match 'anonymous volumes'
            Get-EngineVolume $named.Name | Should -Not -BeNullOrEmpty
        }
    }
}
