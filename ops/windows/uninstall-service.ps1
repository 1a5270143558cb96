#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Stops and removes the etl Windows service and its event log source. Leaves the installation and data
    folders in place unless -RemoveFiles is given.
#>
[CmdletBinding()]
param(
    [ValidatePattern('^[A-Za-z0-9_.-]+$')]
    [string] $ServiceName = 'etl',
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'etl'),
    [switch] $RemoveFiles
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if ($service) {
    if ($service.Status -ne 'Stopped') {
        Stop-Service -Name $ServiceName
        $service.WaitForStatus('Stopped', [TimeSpan]::FromMinutes(5))
    }

    & sc.exe delete $ServiceName | Write-Verbose
    if ($LASTEXITCODE -ne 0) { throw "sc.exe delete $ServiceName failed with exit code $LASTEXITCODE" }
}

if ([System.Diagnostics.EventLog]::SourceExists($ServiceName)) {
    [System.Diagnostics.EventLog]::DeleteEventSource($ServiceName)
}

if ($RemoveFiles -and (Test-Path $InstallDir)) {
    Remove-Item -Recurse -Force $InstallDir
}
