# Set-SwarmService against the single-node swarm of the private engine: scale 1 -> 5 -> 1, rolling update with
# parallelism, rollback, environment changes, forced restart, conflicts and bad input.

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/swarm.common.ps1"
    # exits at once on SIGTERM, so replaced tasks stop without waiting for their grace period
    $script:Loop = @('sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done')
    function New-LoopService([string] $Suffix, [hashtable] $Extra = @{}) {
        $name = New-SwarmTestName $Suffix
        New-SwarmService $name $script:TestImage -EndpointMode dnsrr -Label @{ 'psdtest.run' = $script:RunId } -Wait @Extra -- @script:Loop
    }
}

AfterAll {
    Remove-SwarmTestServices
}

Describe 'Set-SwarmService' {
    It 'scales 1 -> 5 and back to 1, -Wait returning once the replicas run' {
        $s = New-LoopService scale
        $s.Replicas | Should -Be '1/1'
        $up = Set-SwarmService $s.Name -Replicas 5 -Wait -PassThru
        $up.Replicas | Should -Be '5/5'
        Get-EngineRunningTaskCount $s.Id | Should -Be 5
        @(Get-SwarmTask $s.Name -DesiredState running).Count | Should -Be 5
        Set-SwarmService $s.Name -Replicas 1 -Wait | Should -BeNullOrEmpty
        Get-EngineRunningTaskCount $s.Id | Should -Be 1
        (Get-SwarmService $s.Name).Replicas | Should -Be '1/1'
    }

    It 'rolls an environment change out with the given parallelism, then rolls it back' {
        $s = New-LoopService roll @{ Replicas = 4 }
        $before = @(Get-EngineSwarmTask $s.Id -DesiredState running).ID
        $updated = Set-SwarmService $s.Name -Environment @{ STAGE = 'two' } -Parallelism 2 -UpdateDelay 1s -Wait -PassThru
        $updated.Env | Should -Contain 'STAGE=two'
        $updated.UpdateParallelism | Should -Be 2
        $updated.UpdateDelay | Should -Be ([TimeSpan]::FromSeconds(1))
        $updated.UpdateState | Should -Be 'completed'
        $updated.Replicas | Should -Be '4/4'
        $after = @(Get-EngineSwarmTask $s.Id -DesiredState running)
        $after.Count | Should -Be 4
        $after.ID | Where-Object { $_ -in $before } | Should -BeNullOrEmpty -Because 'every task was replaced'
        $after | ForEach-Object { $_.Spec.ContainerSpec.Env | Should -Contain 'STAGE=two' }
        # the update ran in batches of two: the new tasks started in two groups, at least the delay apart
        $starts = $after | ForEach-Object { [DateTime]$_.CreatedAt } | Sort-Object
        ($starts[2] - $starts[1]).TotalSeconds | Should -BeGreaterOrEqual 1
        (Get-EngineSwarmService -Name $s.Name).Spec.UpdateConfig.Parallelism | Should -Be 2

        $back = Set-SwarmService $s.Name -Rollback -Wait -PassThru
        $back.Env | Should -Not -Contain 'STAGE=two'
        $back.UpdateState | Should -Be 'rollback_completed'
        Get-EngineSwarmTask $s.Id -DesiredState running | ForEach-Object { $_.Spec.ContainerSpec.Env | Should -Not -Contain 'STAGE=two' }
    }

    It 'adds and removes environment variables and labels, keeping the rest of the spec' {
        $s = New-LoopService env @{ Environment = @{ A = '1'; B = '2' }; Mount = 'type=tmpfs,target=/scratch' }
        Set-SwarmService $s.Name -Environment @{ C = '3'; A = 'one' } -RemoveEnvironment B -Label @{ owner = 'me' } -Wait
        $spec = (Get-EngineSwarmService -Name $s.Name).Spec
        ($spec.TaskTemplate.ContainerSpec.Env | Sort-Object) | Should -Be @('A=one', 'C=3')
        $spec.Labels.owner | Should -Be 'me'
        $spec.Labels.'psdtest.run' | Should -Be $script:RunId
        $spec.TaskTemplate.ContainerSpec.Mounts[0].Target | Should -Be '/scratch'
        Set-SwarmService $s.Name -RemoveLabel owner
        (Get-EngineSwarmService -Name $s.Name).Spec.Labels.PSObject.Properties.Name | Should -Not -Contain 'owner'
    }

    It 'replaces every task with -Force although nothing else changed' {
        $s = New-LoopService force
        $before = @(Get-EngineSwarmTask $s.Id -DesiredState running).ID
        Set-SwarmService $s.Name -Force -Wait
        $after = @(Get-EngineSwarmTask $s.Id -DesiredState running)
        $after.Count | Should -Be 1
        $after[0].ID | Should -Not -BeIn $before
    }

    It 'refuses an update against an older version (SwarmServiceConflict) instead of overwriting it' {
        $s = New-LoopService conflict
        Set-SwarmService $s.Name -Environment @{ X = '1' }
        # $s still has the version from before that change
        $s | Set-SwarmService -Replicas 2 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SwarmServiceConflict,*'
        (Get-EngineSwarmService -Name $s.Name).Spec.Mode.Replicated.Replicas | Should -Be 1
    }

    It 'refuses -Rollback of a service never updated, and -Rollback with other changes' {
        $s = New-LoopService norollback
        Set-SwarmService $s.Name -Rollback -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SwarmServiceNoPreviousSpec,*'
        $e = Get-TerminatingError { Set-SwarmService $s.Name -Rollback -Replicas 3 }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidServiceUpdate,*'
        (Get-EngineSwarmService -Name $s.Name).Spec.Mode.Replicated.Replicas | Should -Be 1
    }

    It 'writes SwarmServiceNotFound for a missing service and changes nothing under -WhatIf' {
        Set-SwarmService 'psdt-no-such-service' -Replicas 2 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SwarmServiceNotFound,*'
        $s = New-LoopService whatif
        Set-SwarmService $s.Name -Replicas 3 -WhatIf
        (Get-EngineSwarmService -Name $s.Name).Spec.Mode.Replicated.Replicas | Should -Be 1
    }

    It 'stops waiting at once when the pipeline stops (Ctrl+C), leaving the change made' {
        $s = New-LoopService stopwait
        # an image that is not on the node (the engine does not pull: DOCKER_SERVICE_PREFER_OFFLINE_IMAGE): the tasks never run
        $job = Start-ThreadJob {
            param($Manifest, $Name)
            Import-Module $Manifest
            Set-SwarmService $Name -Image 'psdt-never/missing:1' -Wait
        } -ArgumentList (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'), $s.Name
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Get-EngineSwarmService -Name $s.Name).Spec.TaskTemplate.ContainerSpec.Image -ne 'psdt-never/missing:1' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        $job.State | Should -Be 'Running' -Because 'the tasks never run, so the wait goes on'
        $job | Stop-Job
        $job.State | Should -Be 'Stopped'
        $job | Remove-Job -Force
        (Get-EngineSwarmService -Name $s.Name).Spec.TaskTemplate.ContainerSpec.Image | Should -Be 'psdt-never/missing:1'
    }
}
