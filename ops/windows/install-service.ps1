#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Installs (or updates) etl as a Windows service.

.DESCRIPTION
    Publishes a self-contained build of src/Host, writes an example configuration when none exists, registers
    the Application event log source, creates the service under a virtual account (NT SERVICE\<name>) or the
    account given, sets recovery actions (restart after 5 s, 10 s, 60 s; counter reset after a day; a stop with
    a non-zero exit code counts as a failure), a preshutdown timeout above the drain deadline, and starts it.

    The service reports START_PENDING, RUNNING, STOP_PENDING (with wait hints while it drains) and STOPPED to
    the service control manager; STOP, SHUTDOWN and PRESHUTDOWN all drain open files, commit and checkpoint
    within Service:ShutdownTimeout.

.EXAMPLE
    .\ops\windows\install-service.ps1
.EXAMPLE
    .\ops\windows\install-service.ps1 -Environment @{ AWS_REGION = 'eu-west-1' } -ShutdownTimeoutSeconds 60
#>
[CmdletBinding()]
param(
    [ValidatePattern('^[A-Za-z0-9_.-]+$')]
    [string] $ServiceName = 'etl',
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'etl'),
    [string] $DataDir = (Join-Path $env:ProgramData 'etl'),
    [string] $Runtime = 'win-x64',
    [ValidateRange(1, 3600)]
    [int] $ShutdownTimeoutSeconds = 30,
    # Run as this account instead of the virtual account NT SERVICE\<ServiceName>.
    [pscredential] $Credential,
    # Environment variables for the service process (AWS_REGION, AWS_ENDPOINT_URL_S3, ...).
    [hashtable] $Environment = @{},
    [switch] $NoStart
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$repo = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
$exe = Join-Path $InstallDir 'Etl.Host.exe'
$config = Join-Path $DataDir 'etl.json'
$account = if ($Credential) { $Credential.UserName } else { "NT SERVICE\$ServiceName" }

function Invoke-Sc {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & sc.exe @Arguments | Write-Verbose
    if ($LASTEXITCODE -ne 0) { throw "sc.exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$existing = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if ($existing -and $existing.Status -ne 'Stopped') {
    Write-Host "Stopping $ServiceName (it drains for up to $ShutdownTimeoutSeconds s)..."
    Stop-Service -Name $ServiceName
    $existing.WaitForStatus('Stopped', [TimeSpan]::FromSeconds($ShutdownTimeoutSeconds + 30))
}

Write-Host "Publishing to $InstallDir..."
& dotnet publish (Join-Path $repo 'src\Host') -c Release -r $Runtime --self-contained true -o $InstallDir
if ($LASTEXITCODE -ne 0) { throw "dotnet publish failed with exit code $LASTEXITCODE" }

New-Item -ItemType Directory -Force -Path $DataDir, (Join-Path $DataDir 'data') | Out-Null
if (-not (Test-Path $config)) {
    $settings = [ordered]@{
        Etl     = [ordered]@{ Mode = 'Local'; DataRoot = (Join-Path $DataDir 'data') }
        Service = [ordered]@{ Name = $ServiceName; ShutdownTimeout = [TimeSpan]::FromSeconds($ShutdownTimeoutSeconds).ToString('c') }
        Admin   = [ordered]@{ Urls = 'http://127.0.0.1:5080' }
    }
    $settings | ConvertTo-Json -Depth 5 | Set-Content -Path $config -Encoding utf8
    Write-Host "Wrote an example configuration to $config"
}

# Log events go to the Application log under the service name.
if (-not [System.Diagnostics.EventLog]::SourceExists($ServiceName)) {
    [System.Diagnostics.EventLog]::CreateEventSource($ServiceName, 'Application')
}

$binPath = "`"$exe`" run --config `"$config`""
if ($existing) {
    Invoke-Sc config $ServiceName "binPath=" $binPath
}
else {
    $parameters = @{
        Name           = $ServiceName
        BinaryPathName = $binPath
        DisplayName    = "etl ($ServiceName): Kinesis to Parquet"
        Description    = 'Reads Kinesis streams, validates records and writes hour-partitioned Parquet to S3 for Athena.'
        StartupType    = 'Automatic'
    }
    if ($Credential) { $parameters.Credential = $Credential }
    New-Service @parameters | Out-Null
}

if (-not $Credential) {
    # A virtual account: no password, its own service SID, no rights beyond what is granted below.
    Invoke-Sc config $ServiceName "obj=" $account
    Invoke-Sc sidtype $ServiceName unrestricted
}

Invoke-Sc config $ServiceName "start=" delayed-auto
Invoke-Sc failure $ServiceName "reset=" 86400 "actions=" "restart/5000/restart/10000/restart/60000"
Invoke-Sc failureflag $ServiceName 1

$serviceKey = "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName"
# Preshutdown: time the service gets at system shutdown (milliseconds); the drain deadline plus a margin.
Set-ItemProperty -Path $serviceKey -Name PreshutdownTimeout -Type DWord -Value (($ShutdownTimeoutSeconds + 15) * 1000)
if ($Environment.Count -gt 0) {
    $lines = $Environment.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }
    New-ItemProperty -Path $serviceKey -Name Environment -PropertyType MultiString -Value ([string[]]$lines) -Force | Out-Null
}

# The service account may change its data folder, and only read the installation.
& icacls.exe $DataDir /grant "${account}:(OI)(CI)M" /T /Q | Write-Verbose
if ($LASTEXITCODE -ne 0) { throw "icacls on $DataDir failed with exit code $LASTEXITCODE" }
& icacls.exe $InstallDir /grant "${account}:(OI)(CI)RX" /T /Q | Write-Verbose
if ($LASTEXITCODE -ne 0) { throw "icacls on $InstallDir failed with exit code $LASTEXITCODE" }

if (-not $NoStart) {
    Start-Service -Name $ServiceName
    (Get-Service -Name $ServiceName).WaitForStatus('Running', [TimeSpan]::FromMinutes(2))
}

Get-Service -Name $ServiceName | Format-List Name, DisplayName, Status, StartType
