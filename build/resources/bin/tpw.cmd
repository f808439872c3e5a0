@echo off
rem tpw - the Total Place Workbench command line, run by the installed app itself: no Node.js needed.
rem Installed as resources\bin\tpw.cmd; add that folder to PATH or call this file by its full path.
setlocal
"%~dp0..\..\Total Place Workbench.exe" --cli -- %*
exit /b %ERRORLEVEL%
