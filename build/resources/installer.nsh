; Included by electron-builder's NSIS installer (package.json build.nsis.include).
;
; One store per PC: the app is installed per machine, so its data is machine-wide too,
; in %ProgramData%\village-points-store, where every Windows account on the counter PC
; opens the same store (hosts/shared/paths.ts). The marker file tells the app (and the
; CLI) that this folder is the store; without it they keep the per-user folder.
;
; Permissions: the built-in Users group (S-1-5-32-545, named by SID so that a Chinese
; Windows finds it too) may create and change files in the folder, inherited by every
; file the app creates, so that a store opened by one account stays writable for the
; next. To limit the store to some accounts, see docs/desktop.md ("Windows accounts").
;
; Uninstalling leaves the folder alone: the books are never deleted with the program.

!macro customInstall
  SetShellVarContext all
  CreateDirectory "$APPDATA\village-points-store"
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$APPDATA\village-points-store" /grant *S-1-5-32-545:(OI)(CI)M'
  Pop $0
  StrCmp $0 "0" +2
    DetailPrint "icacls failed ($0): grant the store's Windows users write access to $APPDATA\village-points-store by hand"
  IfFileExists "$APPDATA\village-points-store\machine-wide.txt" +4 0
    FileOpen $1 "$APPDATA\village-points-store\machine-wide.txt" w
    FileWrite $1 "This folder is the points store's data for every Windows account on this PC.$\r$\nWritten by the installer; do not delete while the store is in use.$\r$\n"
    FileClose $1
!macroend
