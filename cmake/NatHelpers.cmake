# nat_add_module(NAME <name> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# A core library target nat_<name> with alias nat::<name>. Include root is core/, so headers are
# included as "base/error.h", "space/search_space.h", ...
function(nat_add_module)
    cmake_parse_arguments(ARG "" "NAME" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
    set(target nat_${ARG_NAME})
    add_library(${target} STATIC ${ARG_SOURCES})
    add_library(nat::${ARG_NAME} ALIAS ${target})
    target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}/core" "${PROJECT_BINARY_DIR}/generated")
    target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
    nat_set_warnings(${target})
endfunction()

function(nat_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
    if(NAT_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(${target} PUBLIC -fsanitize=address,undefined)
    endif()
    if(NAT_TSAN)
        target_compile_options(${target} PRIVATE -fsanitize=thread -fno-omit-frame-pointer)
        target_link_options(${target} PUBLIC -fsanitize=thread)
    endif()
endfunction()

# nat_add_test(NAME <name> SOURCES ... DEPS ... LABELS ... [TIMEOUT s])
# One GoogleTest executable, registered with ctest as one test; labels: unit, slow, ui, gpu,
# plus torch for tests that need LibTorch.
function(nat_add_test)
    cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
    set(target ${ARG_NAME})
    add_executable(${target} ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
    target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}/tests")
    nat_set_warnings(${target})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    # One ctest entry per executable (gtest prints every case); properties set directly so list
    # values (labels, environment) survive.
    add_test(NAME ${target} COMMAND ${target} --gtest_color=no)
    set_tests_properties(${target} PROPERTIES
        LABELS "${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT}
        SKIP_RETURN_CODE 77
        ENVIRONMENT "NAT_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data;QT_QPA_PLATFORM=offscreen")
endfunction()
