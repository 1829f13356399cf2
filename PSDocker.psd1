@{
    RootModule           = 'PSDocker.dll'
    # Imported before the root module: it hooks PSDocker's private AssemblyLoadContext (PSDocker.Core and its
    # dependencies, from dependencies/), which PowerShell needs as soon as it reflects over the cmdlets.
    NestedModules        = @('PSDocker.Models.dll')
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '6f0b8a4e-3c1d-4f7e-9a52-2d8e5b7c1a90'
    Author               = 'PSDocker contributors'
    CompanyName          = 'PSDocker'
    Copyright            = '(c) PSDocker contributors. MIT License.'
    Description          = 'Manage Docker (and Podman) containers as typed PowerShell objects over the Engine API, without the docker CLI.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('PSDocker.Format.ps1xml')
    TypesToProcess       = @('PSDocker.Types.ps1xml')
    CmdletsToExport      = @(
        'Get-Container'
        'Get-ComposeProject'
        'Start-ComposeProject'
        'Stop-ComposeProject'
        'Restart-ComposeProject'
        'Remove-ComposeProject'
        'Get-ContainerContext'
        'New-Container'
        'Start-Container'
        'Stop-Container'
        'Suspend-Container'
        'Resume-Container'
        'Restart-Container'
        'Rename-Container'
        'Remove-Container'
        'Wait-Container'
        'Get-ContainerLog'
        'Get-ContainerProcess'
        'Get-ContainerChange'
        'Copy-ContainerItem'
        'Export-Container'
        'Invoke-Container'
        'Enter-Container'
        'Invoke-ContainerCommand'
        'Invoke-ContainerPrune'
        'Get-Image'
        'Get-ImageHistory'
        'Invoke-ImagePull'
        'Invoke-ImagePush'
        'Add-ImageTag'
        'Remove-Image'
        'Invoke-ImagePrune'
        'Invoke-ImageBuild'
        'Save-Image'
        'Import-Image'
        'New-Image'
        'Connect-Registry'
        'Disconnect-Registry'
        'Get-ContainerEngine'
        'Import-ComposeProject'
        'Get-ContainerNetwork'
        'New-ContainerNetwork'
        'Remove-ContainerNetwork'
        'Connect-ContainerNetwork'
        'Disconnect-ContainerNetwork'
        'Invoke-ContainerNetworkPrune'
        'Get-ContainerVolume'
        'New-ContainerVolume'
        'Remove-ContainerVolume'
        'Invoke-ContainerVolumePrune'
        'Get-ContainerStatistic'
        'Set-Container'
        'Get-ContainerEvent'
        'Invoke-SystemPrune'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Docker', 'Podman', 'Containers', 'Linux', 'Windows', 'PSEdition_Core')
            ProjectUri = 'https://github.com/psdocker/psdocker'
        }
    }
}
