; KSD Desktop installer (NSIS 3, Unicode, Bahasa Indonesia).
;
; Built by installer/make_installer.py (python3 tasks.py installer), which passes:
;   VERSION    the app's version (ksd_desktop.__version__), e.g. 0.1.0
;   VERSION4   the same as four numbers for Windows, e.g. 0.1.0.0
;   DIST       the PyInstaller folder (build/dist/ksd-desktop)
;   EXE        the program's file name in it ("KSD Desktop.exe")
;   OUTFILE    the installer to write
;   ICON, FILE_ICON, WIZARD_BMP, HEADER_BMP   resources/icons/*.ico, installer/images/*.bmp
;
; Behaviour:
; - Without administrator rights (the usual office laptop) it installs for the current user
;   into %LOCALAPPDATA%\Programs\KSD Desktop: no UAC prompt, nothing outside the profile.
;   Run by an administrator it offers "for all users" (Program Files) as well.
;   Silent: setup.exe /S [/CurrentUser | /AllUsers] [/D=folder]
; - Start-menu shortcut; desktop shortcut (optional, on by default); .ksd data files open
;   with the app (double-click: the window opens with the import preview).
; - The user's data (%LOCALAPPDATA%\KSD Desktop: the data file, backups, log) and settings
;   (HKCU\Software\KSD Desktop) are never touched by an install or an upgrade; the
;   uninstaller asks, and keeps them unless the user ticks the box and confirms.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!macro Require NAME
  !ifndef ${NAME}
    !error "${NAME} is not defined: build with  python3 tasks.py installer"
  !endif
!macroend
!insertmacro Require VERSION
!insertmacro Require VERSION4
!insertmacro Require DIST
!insertmacro Require EXE
!insertmacro Require OUTFILE
!insertmacro Require ICON
!insertmacro Require FILE_ICON
!insertmacro Require WIZARD_BMP
!insertmacro Require HEADER_BMP

!define APP_NAME "KSD Desktop"
!define PUBLISHER "Pemerintah Kabupaten Banjar"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\KSD Desktop"
!define PROGID "KSDDesktop.BerkasData"
!define DATA_DIR_NAME "KSD Desktop"          ; paths.py: %LOCALAPPDATA%\KSD Desktop
!define SETTINGS_KEY "Software\KSD Desktop"  ; QSettings of the app (organisation "KSD Desktop")

Name "${APP_NAME}"
OutFile "${OUTFILE}"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails hide
ShowUninstDetails hide

; -- install mode: per user without admin rights; all users when run as administrator --------
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP_NAME}"
; the previous install's folder and mode (an upgrade goes to the same place)
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!define MULTIUSER_INIT_TEXT_ALLUSERSNOTPOSSIBLE "Pemasangan untuk semua pengguna memerlukan hak administrator. Jalankan tanpa /AllUsers untuk memasang bagi Anda sendiri."
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh
!include nsDialogs.nsh

; -- pages ---------------------------------------------------------------------------------
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_WELCOMEFINISHPAGE_BITMAP "${WIZARD_BMP}"
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "${WIZARD_BMP}"
!define MUI_HEADERIMAGE
!define MUI_HEADERIMAGE_RIGHT
!define MUI_HEADERIMAGE_BITMAP "${HEADER_BMP}"
!define MUI_HEADERIMAGE_UNBITMAP "${HEADER_BMP}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC

!define MUI_WELCOMEPAGE_TITLE_3LINES
!define MUI_WELCOMEPAGE_TEXT "$(TextWelcome)"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE_3LINES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "$(TextRunNow)"
!define MUI_FINISHPAGE_RUN_FUNCTION StartAppAsUser
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPageShow un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Indonesian"

; -- texts (Bahasa Indonesia) ----------------------------------------------------------------
LangString TextWelcome ${LANG_INDONESIAN} "Program ini memasang ${APP_NAME} ${VERSION}, aplikasi pemetaan kerja sama daerah (PP 28/2018; Permendagri 22/2020).$\r$\n$\r$\nHak administrator tidak diperlukan: aplikasi dipasang untuk akun Anda. Berkas data dan pengaturan Anda tidak diubah oleh pemasangan atau pembaruan.$\r$\n$\r$\n$(^ClickNext)"
LangString TextRunNow ${LANG_INDONESIAN} "Jalankan ${APP_NAME} sekarang"
LangString DescApp ${LANG_INDONESIAN} "Aplikasi ${APP_NAME} dan pintasannya di menu Start (wajib)."
LangString DescDesktop ${LANG_INDONESIAN} "Pintasan ${APP_NAME} di desktop."
LangString DescAssoc ${LANG_INDONESIAN} "Berkas data (.ksd) yang diterima lewat flash disk, surel, atau WhatsApp dibuka dengan ${APP_NAME}: klik dua kali untuk melihat pratinjau impornya."
LangString MsgRunning ${LANG_INDONESIAN} "${APP_NAME} sedang berjalan. Tutup aplikasinya (data yang sudah disimpan aman), lalu klik Retry (Coba lagi)."
LangString MsgNeeds64 ${LANG_INDONESIAN} "${APP_NAME} memerlukan Windows 64-bit."
LangString MsgDataFolder ${LANG_INDONESIAN} "Folder ini adalah folder data ${APP_NAME} (berisi berkas data Anda). Pilih folder lain untuk programnya."
LangString DataTitle ${LANG_INDONESIAN} "Data Anda"
LangString DataSubtitle ${LANG_INDONESIAN} "Berkas data dan pengaturan tetap disimpan, kecuali Anda memilih menghapusnya."
LangString DataText ${LANG_INDONESIAN} "Program ${APP_NAME} akan dihapus. Berkas data Anda (semua formulir pemetaan, cadangan, dan catatan) ada di:$\r$\n$DataDir$\r$\n$\r$\nData itu dibiarkan utuh, sehingga tersedia lagi bila ${APP_NAME} dipasang kembali. Simpan salinannya (Berkas › Cadangkan) sebelum menghapusnya."
LangString DataRemove ${LANG_INDONESIAN} "Hapus juga berkas data dan pengaturan saya (tidak dapat dibatalkan)"
LangString DataConfirm ${LANG_INDONESIAN} "Semua formulir pemetaan, cadangan, dan pengaturan di$\r$\n$DataDir$\r$\nakan dihapus permanen.$\r$\n$\r$\nYakin ingin menghapus data ini?"
LangString ShortcutComment ${LANG_INDONESIAN} "Pemetaan kerja sama daerah"
LangString FileTypeName ${LANG_INDONESIAN} "Berkas data KSD Desktop"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "FileDescription" "Pemasang ${APP_NAME}"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "LegalCopyright" "© ${PUBLISHER}"

Var DataDir
Var DataCheckbox
Var RemoveData

; -- helpers ---------------------------------------------------------------------------------
!macro WaitUntilClosed
  ; A running program cannot be opened for writing: ask the user to close it first.
  ${Do}
    ${IfNot} ${FileExists} "$INSTDIR\${EXE}"
      ${Break}
    ${EndIf}
    ClearErrors
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MsgRunning)" /SD IDCANCEL IDRETRY +2
    Abort
  ${Loop}
!macroend

!macro UserDataDir
  ; the data folder of the user running this (paths.py), whatever the install mode
  SetShellVarContext current
  StrCpy $DataDir "$LOCALAPPDATA\${DATA_DIR_NAME}"
  ${If} $MultiUser.InstallMode == "AllUsers"
    SetShellVarContext all
  ${EndIf}
!macroend

Function StartAppAsUser
  ; through Explorer: an installer run as administrator must not start the app elevated
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\${EXE}"'
FunctionEnd

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(MsgNeeds64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function .onVerifyInstDir
  ; never install into the data folder: the uninstaller would then sit beside the user's data
  !insertmacro UserDataDir
  StrCmp $INSTDIR $DataDir 0 +2
    Abort
  IfFileExists "$INSTDIR\ksd-desktop.sqlite3" 0 +2
    Abort
FunctionEnd

; -- sections --------------------------------------------------------------------------------
Section "${APP_NAME}" SecApp
  SectionIn RO
  !insertmacro WaitUntilClosed
  ; an upgrade replaces the program's own folder whole (old libraries would linger otherwise);
  ; the data folder is elsewhere and is not touched
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*"
  File "/oname=ksd-file.ico" "${FILE_ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "$(ShortcutComment)"

  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Pintasan di desktop" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "$(ShortcutComment)"
SectionEnd

Section "Buka berkas data .ksd dengan ${APP_NAME}" SecAssoc
  WriteRegStr SHCTX "Software\Classes\.ksd" "" "${PROGID}"
  WriteRegStr SHCTX "Software\Classes\.ksd" "Content Type" "application/x-ksd-desktop"
  WriteRegStr SHCTX "Software\Classes\.ksd\OpenWithProgids" "${PROGID}" ""
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "$(FileTypeName)"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\ksd-file.ico"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell" "" "open"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr SHCTX "${UNINST_KEY}" "FileAssociation" "1"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "$(DescApp)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(DescDesktop)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecAssoc} "$(DescAssoc)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; -- uninstaller -----------------------------------------------------------------------------
Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
  !insertmacro UserDataDir
  StrCpy $RemoveData 0
FunctionEnd

Function un.DataPageShow
  !insertmacro MUI_HEADER_TEXT "$(DataTitle)" "$(DataSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 80u "$(DataText)"
  Pop $0
  ${NSD_CreateCheckbox} 0 90u 100% 14u "$(DataRemove)"
  Pop $DataCheckbox
  ${NSD_Uncheck} $DataCheckbox
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DataCheckbox $0
  StrCpy $RemoveData 0
  ${If} $0 == ${BST_CHECKED}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(DataConfirm)" /SD IDNO IDYES confirmed
    ${NSD_Uncheck} $DataCheckbox
    Abort
    confirmed:
    StrCpy $RemoveData 1
  ${EndIf}
FunctionEnd

Section "Uninstall"
  !insertmacro WaitUntilClosed
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  ReadRegStr $0 SHCTX "Software\Classes\.ksd" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue SHCTX "Software\Classes\.ksd" ""
    DeleteRegValue SHCTX "Software\Classes\.ksd" "Content Type"
  ${EndIf}
  DeleteRegValue SHCTX "Software\Classes\.ksd\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty SHCTX "Software\Classes\.ksd\OpenWithProgids"
  DeleteRegKey /ifempty SHCTX "Software\Classes\.ksd"
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; only what the installer put there: a folder chosen by the user keeps its other files
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\ksd-desktop.cmd"
  Delete "$INSTDIR\ksd-file.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey SHCTX "${UNINST_KEY}"

  ${If} $RemoveData == 1
    SetShellVarContext current
    RMDir /r "$DataDir"
    DeleteRegKey HKCU "${SETTINGS_KEY}"
  ${EndIf}
SectionEnd
