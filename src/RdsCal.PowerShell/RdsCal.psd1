@{
    RootModule           = 'RdsCal.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'a51fd75e-d655-46b8-a667-359d818c9a22'
    Author               = 'rdscal contributors'
    Copyright            = '(c) rdscal contributors. MIT licence.'
    Description          = 'Read, explain, diagnose and safely change Remote Desktop Services licensing settings in the Windows registry, live on Windows or offline on hive files and .reg exports.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('RdsCal.format.ps1xml')
    CmdletsToExport      = @(
        'Get-RdsCalStatus'
        'Set-RdsCalMode'
        'Set-RdsCalLicenseServer'
        'Reset-RdsCalGracePeriod'
        'Reset-RdsCalClientStore'
        'Reset-RdsCalCertificate'
        'Backup-RdsCalSettings'
        'Restore-RdsCalSettings'
        'Get-RdsCalHistory'
        'Undo-RdsCalChange'
        'Get-RdsCalRule'
        'Get-RdsCalEvent'
        'ConvertTo-RdsCalFleetReport'
        'Test-RdsCalLicenseServer'
        'Get-RdsCalLicenseServer'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('RDS', 'RemoteDesktop', 'Licensing', 'CAL', 'Registry')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
