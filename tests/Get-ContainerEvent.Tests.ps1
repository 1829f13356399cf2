BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/streaming.common.ps1"
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Get-ContainerEvent' {
    Context 'listing' {
        BeforeAll {
            $script:before = [DateTime]::UtcNow.AddSeconds(-2)
            $script:c = New-TestContainer -Start
        }

        It 'lists a container''s events as typed objects: create then start, with its name, image and nanosecond time' {
            $out = @(Get-ContainerEvent -Since $before -Filter @{ container = $c.Id } -ErrorAction Stop)
            $out | ForEach-Object { $_ | Should -BeOfType PSDocker.ContainerEvent }
            $actions = @($out | Where-Object Type -EQ 'container' | ForEach-Object Action)
            $actions | Should -Contain 'create'
            $actions | Should -Contain 'start'
            [array]::IndexOf($actions, 'create') | Should -BeLessThan ([array]::IndexOf($actions, 'start'))
            $create = $out | Where-Object Action -EQ 'create' | Select-Object -First 1
            $create.Id | Should -Be $c.Id
            $create.Name | Should -Be $c.Name
            (ConvertTo-FamiliarImageName $create.Attributes['image']) | Should -Be $TestImage
            $create.Attributes[$RunLabelKey] | Should -Be $RunId
            $create.Time.Kind | Should -Be 'Utc'
            $create.Time | Should -BeGreaterThan $before
            $create.Time | Should -BeLessThan ([DateTime]::UtcNow.AddSeconds(1))
            $create.TimeNano | Should -Be (($create.Time - [DateTime]::UnixEpoch).Ticks * 100 + $create.TimeNano % 100)
        }

        It 'filters by type and event on the engine; -Until ends the listing' {
            $out = @(Get-ContainerEvent -Since $before -Until ([DateTime]::Now) -Filter @{ type = 'container'; event = 'start' } -ErrorAction Stop)
            $out.Count | Should -BeGreaterThan 0
            $out | ForEach-Object { $_.Type | Should -Be 'container'; $_.Action | Should -Be 'start' }
            $out.Id | Should -Contain $c.Id
        }

        It 'takes docker''s time forms: a duration back from now and a Unix timestamp' {
            $unix = [string][long]($before - [DateTime]::UnixEpoch).TotalSeconds
            @(Get-ContainerEvent -Since '5m' -Filter @{ container = $c.Id } -ErrorAction Stop).Action | Should -Contain 'start'
            @(Get-ContainerEvent -Since $unix -Filter @{ container = $c.Id } -ErrorAction Stop).Action | Should -Contain 'start'
        }

        It 'shows a table of time, type, action, name and short ID' {
            $text = Get-ContainerEvent -Since $before -Filter @{ container = $c.Id } | Out-String -Width 250
            $text | Should -Match 'Time\s+Type\s+Action\s+Name\s+Id'
            $text | Should -Match ([regex]::Escape($c.Id.Substring(0, 12)))
        }
    }

    Context 'errors, before anything is sent' {
        It 'an unknown filter name is InvalidEventFilter (the engine would ignore it and list everything)' {
            $e = Get-TerminatingError { Get-ContainerEvent -Filter @{ contianer = 'web' } -Endpoint 'tcp://127.0.0.1:9' }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidEventFilter,PSDocker.Commands.GetContainerEventCommand'
            $e.ErrorDetails.Message | Should -BeLike "*'contianer'*container*"
        }

        It '-Since after -Until is InvalidEventTimeRange' {
            $e = Get-TerminatingError { Get-ContainerEvent -Since ([DateTime]::Now) -Until '1h' -Endpoint 'tcp://127.0.0.1:9' }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidEventTimeRange,PSDocker.Commands.GetContainerEventCommand'
        }
    }

    Context '-Follow' {
        It 'delivers a container''s start event while following, and Ctrl+C ends it at once' {
            $c = New-TestContainer
            $p = Start-StreamingPipeline -Script {
                param($id) Get-ContainerEvent -Follow -Filter @{ container = $id }
            } -ArgumentList $c.Id
            try {
                # The subscription is open once the engine answers; give it a moment, then act.
                Start-Sleep -Milliseconds 500
                $null = Start-Container -Name $c.Name -ErrorAction Stop
                $out = Wait-StreamingOutput $p { param($o) @($o | Where-Object Action -EQ 'start').Count -ge 1 } -TimeoutSec 20
            }
            finally {
                $stop = Stop-StreamingPipeline $p
            }
            $start = @($out | Where-Object Action -EQ 'start')
            $start.Count | Should -Be 1
            $start[0].Id | Should -Be $c.Id
            $start[0].Name | Should -Be $c.Name
            $stop.Completed | Should -BeTrue
            "$($stop.State)" | Should -Be 'Stopped'
            $stop.Seconds | Should -BeLessThan 3
        }
    }
}
