file(REMOVE_RECURSE
  "CMakeFiles/fairgate_rulebook.dir/rulebook/placeholder.cpp.o"
  "CMakeFiles/fairgate_rulebook.dir/rulebook/placeholder.cpp.o.d"
  "libfairgate_rulebook.a"
  "libfairgate_rulebook.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/fairgate_rulebook.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
