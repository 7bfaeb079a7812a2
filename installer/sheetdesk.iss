; SheetDesk for Windows: a per-user setup (no administrator rights) of the PyInstaller folder.
;
;     ISCC.exe /DAppVersion=0.1.0 installer\sheetdesk.iss     (installer\build-windows.ps1 does this)
;
; - Installs dist\SheetDesk\ (SheetDesk.exe, sheetdesk-cli.exe, _internal\), as built by
;   installer\sheetdesk.spec, into %LOCALAPPDATA%\Programs\SheetDesk ({autopf} of a per-user setup).
; - A Start-menu entry, an optional desktop icon, an entry in Windows' list of apps (HKCU, never HKLM).
; - The uninstaller removes what this setup installed and nothing else: the user's sheets, journals,
;   backups and settings live in %LOCALAPPDATA%\SheetDesk (sheetdesk.paths: platformdirs' user data
;   folder), which is not below {app} and is named nowhere in this script, so they stay.
; - The version comes from the package (sheetdesk.__version__), given by the build script as
;   /DAppVersion=...; without it the compile stops rather than label the setup with a guessed version.
;
; tests/packaging/test_installer_files.py checks this file against the spec, the code and
; pyproject.toml; tests/packaging/test_installer_wine.py compiles it and runs the setup, an
; upgrade and the uninstaller under wine.

#ifndef AppVersion
  #error Pass the package version: ISCC.exe /DAppVersion=0.1.0 (installer\build-windows.ps1 does)
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\SheetDesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif
; Where the program goes: {autopf} of a per-user setup is %LOCALAPPDATA%\Programs. Only the test under
; wine passes {localappdata}\Programs, the same folder spelt out: wine 8 cannot name it {autopf}.
#ifndef InstallRoot
  #define InstallRoot "{autopf}"
#endif

#define AppName "SheetDesk"
#define AppExe "SheetDesk.exe"
#define CliExe "sheetdesk-cli.exe"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{27431969-E80C-4352-A965-2E696FD1E976}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
PrivilegesRequired=lowest
DefaultDirName={#InstallRoot}\{#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\resources\icons\sheetdesk.ico
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
SetupLogging=yes
CloseApplications=yes

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[CustomMessages]
japanese.AppComment=施策マネジメントシートの作成・印刷・取込

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: a library the new version no longer ships must not stay
; beside the new ones. Only the program's own folder; the user's data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
