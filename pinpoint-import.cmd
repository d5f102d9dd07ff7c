@echo off
rem pinpoint-import for Windows: runs the command-line tool, building its jar first when it is missing.
rem Needs only Java 17+ (Maven comes through mvnw.cmd). Build output goes to stderr so that stdout stays clean (--json).
rem   pinpoint-import demo          the whole flow on the embedded emulator
rem   pinpoint-import --help        all commands
rem Environment: JAVA_HOME (which Java), JAVA_OPTS (extra JVM options), PINPOINT_IMPORT_REBUILD=1 (force a build).
rem Heap: 256m unless JAVA_OPTS sets one (-Xmx, -XX:MaxHeapSize, -XX:MaxRAMPercentage); the import, validate and job
rem commands need far less at any input size (docs/PERFORMANCE.md). The emulator command keeps the JVM's default.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%pinpoint-import-cli\target\pinpoint-import.jar"

if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
  goto :havejava
)
where java >nul 2>nul
if errorlevel 1 (
  echo pinpoint-import: no Java found. Install Java 17 or newer, or set JAVA_HOME. 1>&2
  exit /b 2
)
set "JAVA=java"
:havejava

rem "17.0.15" -> 17, "1.8.0_392" -> 1
set "JAVA_MAJOR="
for /f "tokens=3" %%v in ('"%JAVA%" -version 2^>^&1 ^| findstr /i "version"') do (
  for /f "delims=.-_ tokens=1" %%m in ("%%~v") do set "JAVA_MAJOR=%%m"
)
if not defined JAVA_MAJOR goto :oldjava
if %JAVA_MAJOR% LSS 17 goto :oldjava

if defined PINPOINT_IMPORT_REBUILD goto :build
if not exist "%JAR%" goto :build
goto :run

:build
echo pinpoint-import: building the tool (first run, or PINPOINT_IMPORT_REBUILD set; the first build downloads Maven and the dependencies, about a minute)... 1>&2
pushd "%ROOT%"
call mvnw.cmd -q -B -DskipTests package -pl pinpoint-import-cli -am 1>&2
set "BUILD=%ERRORLEVEL%"
popd
if not "%BUILD%"=="0" (
  echo pinpoint-import: the build failed. Run mvnw.cmd -B -DskipTests package -pl pinpoint-import-cli -am to see why. 1>&2
  exit /b 1
)

:run
set "NATIVE="
rem The progress bar's terminal library loads native code; newer JDKs warn unless it is allowed.
if %JAVA_MAJOR% GEQ 22 set "NATIVE=--enable-native-access=ALL-UNNAMED"
set "HEAP=-Xmx256m"
echo.%JAVA_OPTS% | findstr /c:"-Xmx" /c:"-XX:MaxHeapSize" /c:"-XX:MaxRAMPercentage" >nul && set "HEAP="
if /i "%~1"=="emulator" set "HEAP="
"%JAVA%" %NATIVE% %HEAP% %JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%

:oldjava
echo pinpoint-import: Java 17 or newer is needed. Install it, or point JAVA_HOME at it. 1>&2
exit /b 2
