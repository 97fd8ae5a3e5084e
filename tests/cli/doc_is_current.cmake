# The committed page of a shipped rulebook is what `fairgate rules doc` writes from it today:
#   cmake -DFAIRGATE=path -DRULEBOOK=rules/x.xml -DPAGE=docs/rulebooks/x.md -DGENERATED=tmp.md -P doc_is_current.cmake
# Fails when the page is missing or differs (the page carries the rulebook's SHA-256, so any
# edit to the rulebook needs the page written again), naming the command that writes it.
get_filename_component(rb_name ${RULEBOOK} NAME)
get_filename_component(page_name ${PAGE} NAME)
set(fix "write it again with: fairgate rules doc rules/${rb_name} --output docs/rulebooks/${page_name}")
execute_process(COMMAND ${FAIRGATE} rules doc ${RULEBOOK} --output ${GENERATED} RESULT_VARIABLE code
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "fairgate rules doc ${RULEBOOK} exited ${code}\n${out}${err}")
endif()
if(NOT EXISTS ${PAGE})
  message(FATAL_ERROR "${PAGE} does not exist: ${fix}")
endif()
file(READ ${PAGE} committed)
file(READ ${GENERATED} generated)
if(NOT committed STREQUAL generated)
  message(FATAL_ERROR "${PAGE} is not what rules/${rb_name} says today (compare it with ${GENERATED}): ${fix}")
endif()
