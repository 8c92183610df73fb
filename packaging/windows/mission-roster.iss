; Inno Setup script: the Windows installer of Mission Roster, made from the bundle folder.
;
;   python packaging\build_bundle.py                       (dist\mission-roster\ : PyInstaller, on Windows)
;   iscc packaging\windows\mission-roster.iss               (dist\mission-roster-0.1.0-setup.exe)
;   iscc /DAppVersion=0.2.0 /DSign /Ssigntool="signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /a $f" packaging\windows\mission-roster.iss
;
; Installed per user, without administrator rights (Program Files only if the user chooses "for all
; users" and can elevate): %LOCALAPPDATA%\Programs\Mission Roster. A Start-menu entry; .mrpkg roster
; packages open with the program, and roster files (.db) offer it under "Open with". The console
; executable mission-roster-cli.exe is installed beside the windowed one for the command line.
;
; The uninstaller removes only what it installed: the roster, settings, logs and backups live in the
; user's folders (%LOCALAPPDATA%\MissionRoster) or, in portable mode, in data\, settings\, logs\
; beside the program, and stay. Portable mode: copy dist\mission-roster\ to a USB stick and put an
; empty portable.txt beside mission-roster.exe; no installer is needed for that.
;
; Never compiled or run yet: written on Linux, where Inno Setup does not run.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Mission Roster"
#define AppExe "mission-roster.exe"
#define Bundle "..\..\dist\mission-roster"

[Setup]
AppId={{5C2B7F1E-8F0A-4E43-9C55-2D6A1B0E7A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=mission-roster-{#AppVersion}-setup
SetupIconFile=..\icons\mission-roster.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs; Excludes: "portable.txt,bundle-inputs.txt"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install, HKLM for all users. Each key goes with the uninstall; the roster stays.
Root: HKA; Subkey: "Software\Classes\.mrpkg"; ValueType: string; ValueName: ""; ValueData: "MissionRoster.Package"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mrpkg\OpenWithProgids"; ValueType: string; ValueName: "MissionRoster.Package"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\MissionRoster.Package"; ValueType: string; ValueName: ""; ValueData: "Mission Roster package"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\MissionRoster.Package\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\MissionRoster.Package\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; A roster is an SQLite file (.db): offered under "Open with", never taken from the program that opens .db today.
Root: HKA; Subkey: "Software\Classes\.db\OpenWithProgids"; ValueType: string; ValueName: "MissionRoster.Roster"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\MissionRoster.Roster"; ValueType: string; ValueName: ""; ValueData: "Mission Roster roster"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\MissionRoster.Roster\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\MissionRoster.Roster\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".db"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".mrpkg"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent
