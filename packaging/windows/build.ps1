# Build the Windows installer: venv with the app and PyInstaller, the one-folder bundle, its smoke test, then
# Inno Setup. Run from anywhere: powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Needs Python 3.11+ (py launcher) and Inno Setup 6 (iscc.exe on PATH or in its default folder).
$ErrorActionPreference = "Stop"
$Root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $Root
$Venv = "$Root\build\venv"
if (-not (Test-Path "$Venv\Scripts\python.exe")) { py -3 -m venv $Venv }
& "$Venv\Scripts\python.exe" -m pip install -q --upgrade pip
& "$Venv\Scripts\python.exe" -m pip install -q -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
$Version = & "$Venv\Scripts\python.exe" -c "import boxoffice; print(boxoffice.__version__)"
& "$Venv\Scripts\pyinstaller.exe" --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller packaging\boxoffice.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$Data = Join-Path $env:TEMP "boxoffice-smoke-$PID"
& "dist\boxoffice\boxoffice.exe" --smoke-test --data-dir $Data
if ($LASTEXITCODE -ne 0) { throw "smoke test failed (exit $LASTEXITCODE)" }
Remove-Item -Recurse -Force $Data
$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $Iscc "/DAppVersion=$Version" packaging\windows\boxoffice.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "dist\boxoffice-$Version-windows-setup.exe"
