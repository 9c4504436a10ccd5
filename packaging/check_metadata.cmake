# ctest packaging_metadata_valid: validates what the package installs for the desktop.
#   cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DVERSION=x.y.z -DAPP_ID=... -P check_metadata.cmake
# Prints "SKIPPED: ..." (the test's skip pattern) when a validator is not installed;
# packaging/install-deps.sh installs them all, so CI runs every check.
set(desktop "${SOURCE_DIR}/resources/nat-studio.desktop")
set(metainfo "${SOURCE_DIR}/resources/${APP_ID}.metainfo.xml")
set(missing "")

find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
if(DESKTOP_FILE_VALIDATE)
    execute_process(COMMAND "${DESKTOP_FILE_VALIDATE}" "${desktop}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    message("desktop-file-validate: rc=${rc} ${out}")
    # It exits 0 on hints and warnings; fail on anything it prints but a hint.
    if(NOT rc EQUAL 0 OR out MATCHES "(error|warning):")
        message(FATAL_ERROR "nat-studio.desktop is not valid")
    endif()
else()
    list(APPEND missing desktop-file-validate)
endif()

find_program(APPSTREAMCLI appstreamcli)
if(APPSTREAMCLI)
    execute_process(COMMAND "${APPSTREAMCLI}" validate --no-net --no-color "${metainfo}"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    message("appstreamcli validate --no-net: rc=${rc} ${out}")
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${APP_ID}.metainfo.xml is not valid")
    endif()
else()
    list(APPEND missing appstreamcli)
endif()

# The newest release in the metainfo must be the project version (bump both together).
file(READ "${metainfo}" xml)
string(REGEX MATCH "<release version=\"([^\"]+)\"" _ "${xml}")
if(NOT CMAKE_MATCH_1 STREQUAL VERSION)
    message(FATAL_ERROR "${APP_ID}.metainfo.xml: first <release> is '${CMAKE_MATCH_1}', project version is '${VERSION}'")
endif()
file(READ "${desktop}" entry)
if(NOT entry MATCHES "\nIcon=nat-studio\n" OR NOT xml MATCHES "<launchable type=\"desktop-id\">nat-studio.desktop<")
    message(FATAL_ERROR "desktop file and metainfo must name the icon nat-studio and the launchable nat-studio.desktop")
endif()

# Man pages: groff must format them without a warning.
find_program(GROFF groff)
if(GROFF)
    foreach(page nat nat-studio)
        set(file "${BINARY_DIR}/packaging/man/${page}.1")
        if(EXISTS "${file}")
            execute_process(COMMAND "${GROFF}" -man -ww -z "${file}" RESULT_VARIABLE rc ERROR_VARIABLE err)
            if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
                message(FATAL_ERROR "man page ${page}.1: ${err}")
            endif()
            message("groff -man -ww: ${page}.1 ok")
        endif()
    endforeach()
else()
    list(APPEND missing groff)
endif()

if(missing)
    message("SKIPPED: not installed: ${missing} (packaging/install-deps.sh installs them)")
endif()
