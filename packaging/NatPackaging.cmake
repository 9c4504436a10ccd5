# Desktop integration, man pages and the Debian package (CPack DEB). Included from the top-level
# CMakeLists.txt when NAT_WITH_TORCH is on. The executables install themselves (app/).
#
#   cmake --build --preset default && (cd build/default && cpack)   ->  build/default/nat-studio_<ver>_amd64.deb
#
# Layout below CMAKE_INSTALL_PREFIX (/usr in the package): bin/nat, bin/nat-studio,
# share/applications, share/metainfo, share/icons/hicolor, share/man/man1, share/doc/nat-studio.
include(GNUInstallDirs)

set(NAT_PKG_DIR "${PROJECT_SOURCE_DIR}/packaging")
set(NAT_RES_DIR "${PROJECT_SOURCE_DIR}/resources")
set(NAT_PKG_OUT "${PROJECT_BINARY_DIR}/packaging")
set(NAT_APP_ID "io.github.natstudio.NatStudio")

# --- Man pages: version filled in at configure time, gzipped (-n: no name/time, reproducible) ------
find_program(NAT_GZIP gzip REQUIRED)
set(_nat_manpages nat)
if(TARGET nat-studio)
    list(APPEND _nat_manpages nat-studio)
endif()
set(_nat_man_gz "")
foreach(page IN LISTS _nat_manpages)
    configure_file("${NAT_PKG_DIR}/${page}.1.in" "${NAT_PKG_OUT}/man/${page}.1" @ONLY)
    add_custom_command(OUTPUT "${NAT_PKG_OUT}/man/${page}.1.gz"
        COMMAND "${NAT_GZIP}" -9 -n -c "${NAT_PKG_OUT}/man/${page}.1" > "${NAT_PKG_OUT}/man/${page}.1.gz"
        DEPENDS "${NAT_PKG_OUT}/man/${page}.1" "${NAT_PKG_DIR}/${page}.1.in"
        COMMENT "Compressing man page ${page}.1"
        VERBATIM)
    list(APPEND _nat_man_gz "${NAT_PKG_OUT}/man/${page}.1.gz")
endforeach()
add_custom_target(nat_manpages ALL DEPENDS ${_nat_man_gz})
install(FILES ${_nat_man_gz} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

# The launcher of data-parallel runs where torchrun is not installed (README "Several processes").
if(NAT_WITH_DISTRIBUTED)
    install(PROGRAMS "${NAT_PKG_DIR}/nat-launch.sh" DESTINATION "${CMAKE_INSTALL_BINDIR}" RENAME nat-launch)
endif()

# Debian policy: the copyright file in share/doc/<package> (GNUInstallDirs' DOCDIR would use the
# CMake project name).
install(FILES "${NAT_PKG_DIR}/copyright" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/nat-studio")

# --- Desktop integration (GUI builds only) --------------------------------------------------------
if(TARGET nat-studio)
    install(FILES "${NAT_RES_DIR}/nat-studio.desktop" DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
    install(FILES "${NAT_RES_DIR}/${NAT_APP_ID}.metainfo.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
    install(FILES "${NAT_RES_DIR}/icons/nat-studio.svg"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")

    # PNG sizes rendered from the SVG at build time by a tiny Qt tool (QSvgRenderer), so that no
    # binary icons are committed and no extra build dependency is needed.
    add_executable(nat_svg2png "${NAT_PKG_DIR}/svg2png.cpp")
    target_link_libraries(nat_svg2png PRIVATE Qt6::Gui Qt6::Svg)
    set(_nat_pngs "")
    foreach(size 16 24 32 48 64 128 256)
        set(_png "${NAT_PKG_OUT}/icons/${size}x${size}/nat-studio.png")
        add_custom_command(OUTPUT "${_png}"
            COMMAND "${CMAKE_COMMAND}" -E make_directory "${NAT_PKG_OUT}/icons/${size}x${size}"
            COMMAND nat_svg2png "${NAT_RES_DIR}/icons/nat-studio.svg" ${size} "${_png}"
            DEPENDS nat_svg2png "${NAT_RES_DIR}/icons/nat-studio.svg"
            COMMENT "Rendering the ${size}x${size} application icon"
            VERBATIM)
        list(APPEND _nat_pngs "${_png}")
        install(FILES "${_png}" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps")
    endforeach()
    add_custom_target(nat_icons ALL DEPENDS ${_nat_pngs})
endif()

# --- Checks of the installed metadata (ctest -L unit; skipped when a validator is missing) ----------
if(NAT_BUILD_TESTS)
    add_test(NAME packaging_metadata_valid
        COMMAND "${CMAKE_COMMAND}" -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DBINARY_DIR=${PROJECT_BINARY_DIR}
                -DVERSION=${PROJECT_VERSION} -DAPP_ID=${NAT_APP_ID} -P "${NAT_PKG_DIR}/check_metadata.cmake")
    set_tests_properties(packaging_metadata_valid PROPERTIES LABELS unit SKIP_REGULAR_EXPRESSION "SKIPPED:" TIMEOUT 60)
endif()

# --- CPack: one Debian package, nat-studio -------------------------------------------------------
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "nat-studio")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "The NAT Studio developers")
set(CPACK_PACKAGE_CONTACT "NAT Studio developers <nat-studio@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "find small, accurate image classifiers for your own data")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)  # RelWithDebInfo binaries: keep the package small
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # nat-studio_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY on the Description line; this is the long text.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "NAT Studio brings Neural Architecture Transfer (Lu et al., TPAMI 2021) to the
desktop: a weight-sharing supernet of the once-for-all MobileNetV3 family is
adapted to your image dataset while a many-objective evolutionary search
(NSGA-III on a learned accuracy predictor) looks for the best trade-offs
between accuracy, multiply-adds, parameters and latency. Any subnet on the
resulting front can be inspected, evaluated and exported.
.
This package contains the Qt desktop application nat-studio and the headless
command-line tool nat, which share one C++ engine built on LibTorch.")
# dpkg-shlibdeps turns the ELF dependencies (Qt, LibTorch, OpenCV, protobuf, ...) into Depends.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What shlibdeps cannot see: the built-in dataset is read from /usr/share/datasets, Qt loads the
# xcb/offscreen platform plugins and the SVG icon engine at run time.
set(_nat_depends "dataset-fashion-mnist")
if(TARGET nat-studio)
    string(APPEND _nat_depends ", qt6-qpa-plugins, libqt6svg6, hicolor-icon-theme")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${_nat_depends}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
# The Simplified Chinese interface needs a CJK font; Chinese desktops have one already.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "fonts-noto-cjk | fonts-wqy-microhei")
include(CPack)
