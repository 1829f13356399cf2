BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/images.common.ps1"

    function New-DanglingBuiltImage {
        <#
        Builds an image of its own (a unique file in a new layer) under a name, then moves the name to another
        image: the built image is left dangling. Returns its ID.
        #>
        param([hashtable] $Label = @{})
        $ctx = New-TestTempDirectory -Name prune
        Set-Content -Path (Join-Path $ctx 'Dockerfile') -Value @"
FROM $($script:TestImage)
RUN echo $([guid]::NewGuid().ToString('N')) > /unique && head -c 20000 /bin/busybox > /payload
"@
        $labels = @{ $script:RunLabelKey = $script:RunId }
        foreach ($k in $Label.Keys) { $labels[$k] = $Label[$k] }
        $name = (New-TestImageName -Suffix prune) + ':v1'
        $built = Invoke-ImageBuild $ctx -Tag $name -Label $labels -ErrorAction Stop 6>$null
        # Re-tag: the name now belongs to another image, the built one has no name left.
        $null = New-TestImage -Name $name
        $built.Id
    }
}

AfterAll {
    Remove-TestImages
    Restore-TestDockerConfig
}

Describe 'Invoke-ImagePrune' {
    It 'removes a dangling image and reports what it deleted and the space reclaimed' {
        $scope = [guid]::NewGuid().ToString('N')
        $id = New-DanglingBuiltImage -Label @{ 'psdtest.prune' = $scope }
        $engine = Get-EngineImage $id
        $engine | Should -Not -BeNullOrEmpty
        @($engine.RepoTags | Where-Object { $_ -and $_ -ne '<none>:<none>' }) | Should -HaveCount 0

        # The label keeps the prune to this test's images (other tests share the engine).
        $result = Invoke-ImagePrune -Label "psdtest.prune=$scope" -Confirm:$false -ErrorAction Stop
        $result | Should -HaveCount 1
        $result | Should -BeOfType PSDocker.ImagePruneResult
        $result.ImagesDeleted.Deleted | Should -Contain $id
        $result.SpaceReclaimed | Should -BeGreaterThan 0
        $result.Endpoint | Should -Be $script:Endpoint
        Get-EngineImage $id | Should -BeNullOrEmpty
    }

    It 'keeps dangling images the label filters leave out, with key=value and !key' {
        $scope = [guid]::NewGuid().ToString('N')
        # Committed without a name: dangling from the start (quicker than a build).
        $gone = New-TestImage -Label @{ 'psdtest.prune' = $scope }
        $kept = New-TestImage -Label @{ 'psdtest.prune' = $scope; 'psdtest.keep' = 'yes' }
        $other = New-TestImage -Label @{ 'psdtest.prune' = "other-$scope" }

        $result = Invoke-ImagePrune -Label "psdtest.prune=$scope", '!psdtest.keep' -Confirm:$false -ErrorAction Stop
        $result.ImagesDeleted.Deleted | Should -Contain $gone
        $result.ImagesDeleted.Deleted | Should -Not -Contain $kept
        $result.ImagesDeleted.Deleted | Should -Not -Contain $other
        Get-EngineImage $gone | Should -BeNullOrEmpty
        Get-EngineImage $kept | Should -Not -BeNullOrEmpty
        Get-EngineImage $other | Should -Not -BeNullOrEmpty
    }

    It 'keeps tagged images' {
        $name = (New-TestImageName -Suffix tagged) + ':v1'
        $scope = [guid]::NewGuid().ToString('N')
        $id = New-TestImage -Name $name -Label @{ 'psdtest.prune' = $scope }
        $result = Invoke-ImagePrune -Label "psdtest.prune=$scope" -Confirm:$false -ErrorAction Stop
        @($result.ImagesDeleted) | Should -HaveCount 0
        $result.SpaceReclaimed | Should -Be 0
        (Get-EngineImage $name).Id | Should -Be $id
    }

    It 'removes nothing under -WhatIf' {
        $scope = [guid]::NewGuid().ToString('N')
        $id = New-TestImage -Label @{ 'psdtest.prune' = $scope }
        Invoke-ImagePrune -Label "psdtest.prune=$scope" -WhatIf | Should -BeNullOrEmpty
        Get-EngineImage $id | Should -Not -BeNullOrEmpty
    }
}
