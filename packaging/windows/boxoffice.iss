; Inno Setup 6 script for the Box office terminal on Windows.
;
; Build on Windows, from the repository root (PowerShell): packaging\windows\build.ps1
; (it runs PyInstaller with packaging\boxoffice.spec into dist\boxoffice\, then: iscc packaging\windows\boxoffice.iss).
; Result: dist\boxoffice-VERSION-windows-setup.exe. It installs the one-folder bundle into Program Files, adds a
; Start menu entry (and a diagnostics entry), and optionally starts the box office full screen at every log-in
; (kiosk). Upgrading installs over the previous version (same AppId); the terminal's database, config and logs
; live in each user's profile (%LOCALAPPDATA%\BoxOffice\boxoffice), are never touched by setup or uninstall, and
; the app migrates the database when it starts.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Box office"
#define BundleDir "..\..\dist\boxoffice"
#define GuiExe "boxoffice-gui.exe"
#define ConsoleExe "boxoffice.exe"

[Setup]
AppId={{6B1E7C3A-2F4D-4A8B-9C5E-3D7F1A2B4C6E}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Box office
DefaultDirName={autopf}\BoxOffice
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=boxoffice-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern
CloseApplications=yes
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
SetupLogging=yes

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
es.KioskGroup=Quiosco:
en.KioskGroup=Kiosk:
es.AutostartTask=Abrir la taquilla a pantalla completa al iniciar sesión en este equipo
en.AutostartTask=Start the box office full screen when anyone logs in on this computer
es.DoctorIcon=Diagnóstico de la taquilla
en.DoctorIcon=Box office diagnostics

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "autostart"; Description: "{cm:AutostartTask}"; GroupDescription: "{cm:KioskGroup}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle's libraries wholesale, so no file of the old version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:DoctorIcon}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#ConsoleExe}"" doctor"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{commonstartup}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Parameters: "--kiosk"; WorkingDir: "{app}"; Tasks: autostart

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
