# Applied per target so that third-party headers are not affected.
function(fairgate_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
  if(FAIRGATE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
