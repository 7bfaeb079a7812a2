<#
.SYNOPSIS
Builds SheetDesk for Windows: the one-folder app, its smoke test, the setup .exe and a portable zip.

.DESCRIPTION
Run it in a PowerShell window (not the ISE) from the repository's folder:

    powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1

Steps: check Python (the version pyproject.toml requires, 64-bit) and Inno Setup 6; make a
virtual environment in build\venv-windows; pip install ".[bundle]" (every version pinned in
pyproject.toml); run PyInstaller with installer\sheetdesk.spec (dist\SheetDesk\); run the bundled
sheetdesk-cli.exe (--version, sample, list, export a PDF) on a throw-away data folder; compile
installer\sheetdesk.iss with ISCC.exe; make the portable zip (the folder plus portable.txt) and
check that the portable copy keeps its data beside itself. installer\README.md explains each step.

This file is plain ASCII on purpose: Windows PowerShell 5.1 reads a script without a byte order
mark in the PC's ANSI code page, which would garble any other character.

.PARAMETER Python
The Python to build with, e.g. C:\Users\you\AppData\Local\Programs\Python\Python311\python.exe.
Default: the py launcher's newest Python 3 ("py -3"), else python.exe on PATH.

.PARAMETER Iscc
Inno Setup's command-line compiler ISCC.exe. Default: ISCC.exe on PATH, else where the
Inno Setup 6 installer puts it (for all users or for the current user).

.PARAMETER Clean
Make the virtual environment again from nothing (after pyproject.toml changed, or when in doubt).
#>
[CmdletBinding()]
param(
    [string]$Python = "",
    [string]$Iscc = "",
    [switch]$Clean
)

Set-StrictMode -Version 3
$ErrorActionPreference = "Stop"

$Root = Split-Path -Parent $PSScriptRoot

$Venv = Join-Path $Root "build\venv-windows"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
$DistRoot = Join-Path $Root "dist"
$AppFolder = Join-Path $DistRoot "SheetDesk"          # COLLECT(name="SheetDesk") in installer\sheetdesk.spec
$AppExe = Join-Path $AppFolder "SheetDesk.exe"        # EXE(name="SheetDesk"): the GUI, no console window
$CliExe = Join-Path $AppFolder "sheetdesk-cli.exe"    # EXE(name="sheetdesk-cli"): the same program with a console
$PortableMarker = "portable.txt"                      # sheetdesk.paths.PORTABLE_MARKER
$PortableFolder = "SheetDeskData"                     # sheetdesk.paths.PORTABLE_FOLDER
$PipVersion = "26.3"                                  # the Makefile's pin
$MinInnoSetup = [version]"6.3"                        # ArchitecturesAllowed=x64compatible needs 6.3
$StandardForm = "shisaku-management"                  # forms\shisaku-management.yaml: the smoke prints its sample

function Write-Step([string]$Text) {
    Write-Host ""
    Write-Host "==> $Text" -ForegroundColor Cyan
}

function Invoke-Checked {
    # Runs a program; stops the build with the command line when it fails. Returns what it printed on stdout.
    param(
        [Parameter(Mandatory = $true)][string]$Exe,
        [string[]]$Arguments = @()
    )
    Write-Host "> $Exe $($Arguments -join ' ')"
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "This command failed (exit code $LASTEXITCODE): $Exe $($Arguments -join ' ')"
    }
}

function Get-RequiredPython {
    # requires-python = ">=3.11" in pyproject.toml, as a [version]
    $line = Select-String -Path (Join-Path $Root "pyproject.toml") -Pattern '^requires-python\s*=\s*">=(\d+)\.(\d+)"'
    if (-not $line) { throw "pyproject.toml has no requires-python = "">=X.Y"" line" }
    $m = $line.Matches[0]
    return [version]"$($m.Groups[1].Value).$($m.Groups[2].Value)"
}

function Get-PythonInfo([string[]]$Command) {
    # "3.11.9 64" from a Python command (exe plus arguments), or $null when it does not run
    # (the Microsoft Store's python.exe stand-in prints a hint on stderr and exits 9009).
    $ErrorActionPreference = "Continue"
    $exe = $Command[0]
    $rest = @($Command | Select-Object -Skip 1)
    try {
        $out = & $exe @rest -c "import struct, sys; print('%d.%d.%d %d' % (sys.version_info[:3] + (struct.calcsize('P') * 8,)))" 2>$null
    } catch {
        return $null
    }
    if ($LASTEXITCODE -ne 0 -or -not $out) { return $null }
    $parts = "$out".Trim().Split(" ")
    return [pscustomobject]@{ Version = [version]$parts[0]; Bits = [int]$parts[1] }
}

function Find-Python([version]$Required) {
    $candidates = @()
    if ($Python) {
        $candidates += , @($Python)
    } else {
        if (Get-Command py.exe -ErrorAction SilentlyContinue) { $candidates += , @("py.exe", "-3") }
        if (Get-Command python.exe -ErrorAction SilentlyContinue) { $candidates += , @("python.exe") }
    }
    foreach ($command in $candidates) {
        $info = Get-PythonInfo $command
        if ($null -eq $info) { continue }
        Write-Host "Python: $($command -join ' ') is $($info.Version), $($info.Bits)-bit"
        if ($info.Version -lt $Required) { Write-Host "  too old: SheetDesk needs $Required or newer"; continue }
        if ($info.Bits -ne 64) { Write-Host "  32-bit: Qt for Python (PySide6) needs a 64-bit Python"; continue }
        return , $command
    }
    throw ("No usable Python found. Install Python $Required or newer, 64-bit (see installer\README.md), " +
           "or pass -Python C:\path\to\python.exe")
}

function Find-Iscc {
    $candidates = @()
    if ($Iscc) {
        $candidates += $Iscc
    } else {
        $onPath = Get-Command ISCC.exe -ErrorAction SilentlyContinue
        if ($onPath) { $candidates += $onPath.Path }
        if (${env:ProgramFiles(x86)}) { $candidates += Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
        if ($env:ProgramFiles) { $candidates += Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe" }
        if ($env:LOCALAPPDATA) { $candidates += Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe" }
    }
    foreach ($path in $candidates) {
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { continue }
        $info = (Get-Item -LiteralPath $path).VersionInfo
        $version = [version]"$($info.FileMajorPart).$($info.FileMinorPart).$($info.FileBuildPart)"
        Write-Host "Inno Setup: $path is $version"
        if ($version -lt $MinInnoSetup) { Write-Host "  too old: the script needs Inno Setup $MinInnoSetup or newer"; continue }
        return $path
    }
    throw ("Inno Setup 6 not found (looked for: $($candidates -join ', ')). Install it (see installer\README.md) " +
           "or pass -Iscc C:\path\to\ISCC.exe")
}

function Test-Pdf([string]$Path) {
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { throw "The smoke test wrote no PDF at $Path" }
    $bytes = [System.IO.File]::ReadAllBytes($Path)
    $head = [System.Text.Encoding]::ASCII.GetString($bytes, 0, [Math]::Min(5, $bytes.Length))
    if ($head -ne "%PDF-" -or $bytes.Length -lt 10000) {
        throw "The smoke test's PDF at $Path is not a printed sheet ($($bytes.Length) bytes, starts with '$head')"
    }
    Write-Host "PDF: $Path ($($bytes.Length) bytes)"
}

function Invoke-Build {
    # --- 1. What the build needs -------------------------------------------------------------------
    Write-Step "Checking Python and Inno Setup"
    $required = Get-RequiredPython
    $pythonCommand = Find-Python $required
    $isccPath = Find-Iscc

    # --- 2. A virtual environment with the pinned packages -----------------------------------------
    Write-Step "Virtual environment $Venv"
    if ($Clean -and (Test-Path -LiteralPath $Venv)) { Remove-Item -LiteralPath $Venv -Recurse -Force }
    if (-not (Test-Path -LiteralPath $VenvPython)) {
        $exe = $pythonCommand[0]
        $rest = @($pythonCommand | Select-Object -Skip 1)
        Invoke-Checked $exe ($rest + @("-m", "venv", $Venv))
    }
    Invoke-Checked $VenvPython @("-m", "pip", "install", "--upgrade", "pip==$PipVersion")
    Invoke-Checked $VenvPython @("-m", "pip", "install", ".[bundle]")
    $Version = "$(Invoke-Checked $VenvPython @("-c", "import sheetdesk; print(sheetdesk.__version__)"))".Trim()
    if ($Version -notmatch '^\d+\.\d+\.\d+$') {
        throw "sheetdesk.__version__ is '$Version'; Inno Setup's version fields need three numbers like 0.1.0"
    }
    Write-Host "SheetDesk version: $Version"

    # --- 3. The one-folder app ---------------------------------------------------------------------
    Write-Step "PyInstaller: $AppFolder"
    Invoke-Checked $VenvPython @("-m", "PyInstaller", "--noconfirm", "--clean", "installer\sheetdesk.spec")
    foreach ($exe in @($AppExe, $CliExe)) {
        if (-not (Test-Path -LiteralPath $exe -PathType Leaf)) { throw "PyInstaller made no $exe" }
    }

    # --- 4. Smoke test of the bundled command, on a throw-away data folder -------------------------
    Write-Step "Smoke test: sheetdesk-cli.exe"
    $smoke = Join-Path ([System.IO.Path]::GetTempPath()) ("sheetdesk-smoke-" + [guid]::NewGuid().ToString("N"))
    New-Item -ItemType Directory -Path $smoke | Out-Null
    $env:SHEETDESK_HOME = Join-Path $smoke "home"    # never the builder's own sheets
    try {
        $shown = "$(Invoke-Checked $CliExe @("--version"))".Trim()
        if ($shown -ne "SheetDesk $Version") { throw "sheetdesk-cli.exe --version says '$shown', not 'SheetDesk $Version'" }
        Invoke-Checked $CliExe @("sample")
        $listing = (Invoke-Checked $CliExe @("list", "--json")) -join "`n" | ConvertFrom-Json
        $sheet = @($listing | Where-Object { $_.form -eq $StandardForm }) | Select-Object -First 1
        if ($null -eq $sheet) { throw "sheetdesk-cli.exe list --json shows no sheet of the form $StandardForm after sample" }
        $pdf = Join-Path $smoke "sheet.pdf"
        Invoke-Checked $CliExe @("export", "$($sheet.id)", "--format", "pdf", "-o", $pdf)
        Test-Pdf $pdf
    } finally {
        Remove-Item Env:SHEETDESK_HOME -ErrorAction SilentlyContinue
    }

    # --- 5. The setup program ----------------------------------------------------------------------
    Write-Step "Inno Setup: the setup program"
    Invoke-Checked $isccPath @("/DAppVersion=$Version", "/DBundleDir=$AppFolder", "/DOutputDir=$DistRoot",
                               (Join-Path $Root "installer\sheetdesk.iss"))
    $setupExe = Join-Path $DistRoot "SheetDesk-$Version-setup.exe"   # OutputBaseFilename in sheetdesk.iss
    if (-not (Test-Path -LiteralPath $setupExe -PathType Leaf)) { throw "ISCC.exe made no $setupExe" }

    # --- 6. The portable zip (for a USB stick) -----------------------------------------------------
    Write-Step "Portable zip"
    $portableRoot = Join-Path $Root "build\portable"
    $portableApp = Join-Path $portableRoot "SheetDesk"
    if (Test-Path -LiteralPath $portableRoot) { Remove-Item -LiteralPath $portableRoot -Recurse -Force }
    New-Item -ItemType Directory -Path $portableRoot | Out-Null
    Copy-Item -LiteralPath $AppFolder -Destination $portableApp -Recurse
    Copy-Item -LiteralPath (Join-Path $Root "installer\$PortableMarker") -Destination (Join-Path $portableApp $PortableMarker)
    # The portable copy must keep its data beside itself. If it did not, platformdirs would use this
    # stand-in for %LOCALAPPDATA% (never the builder's own), and the check below says so.
    $env:WIN_PD_OVERRIDE_LOCAL_APPDATA = Join-Path $smoke "localappdata"
    try {
        Invoke-Checked (Join-Path $portableApp "sheetdesk-cli.exe") @("sample")
    } finally {
        Remove-Item Env:WIN_PD_OVERRIDE_LOCAL_APPDATA -ErrorAction SilentlyContinue
    }
    $portableDb = Join-Path $portableApp "$PortableFolder\data\sheetdesk.sqlite3"
    if (-not (Test-Path -LiteralPath $portableDb -PathType Leaf)) {
        throw "The portable copy did not keep its sheets beside itself: no $portableDb"
    }
    if (Test-Path -LiteralPath (Join-Path $smoke "localappdata")) {
        throw "The portable copy wrote to %LOCALAPPDATA% (here the stand-in $smoke\localappdata)"
    }
    Remove-Item -LiteralPath (Join-Path $portableApp $PortableFolder) -Recurse -Force
    $zip = Join-Path $DistRoot "SheetDesk-$Version-portable.zip"
    if (Test-Path -LiteralPath $zip) { Remove-Item -LiteralPath $zip -Force }
    Add-Type -AssemblyName System.IO.Compression
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    [System.IO.Compression.ZipFile]::CreateFromDirectory($portableApp, $zip, [System.IO.Compression.CompressionLevel]::Optimal, $true)
    Remove-Item -LiteralPath $smoke -Recurse -Force -ErrorAction SilentlyContinue

    Write-Step "Done"
    Write-Host "Setup program : $setupExe"
    Write-Host "Portable zip  : $zip"
    Write-Host "App folder    : $AppFolder"
}

# The programs' output is UTF-8 (Python's UTF-8 mode) and read as UTF-8, whatever the PC's code page;
# the console's encoding and the current folder are given back afterwards.
$savedEncoding = [Console]::OutputEncoding
$env:PYTHONUTF8 = "1"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
Push-Location $Root
try {
    Invoke-Build
} finally {
    Pop-Location
    [Console]::OutputEncoding = $savedEncoding
    Remove-Item Env:PYTHONUTF8 -ErrorAction SilentlyContinue
}
