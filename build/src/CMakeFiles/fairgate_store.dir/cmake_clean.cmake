file(REMOVE_RECURSE
  "CMakeFiles/fairgate_store.dir/store/placeholder.cpp.o"
  "CMakeFiles/fairgate_store.dir/store/placeholder.cpp.o.d"
  "libfairgate_store.a"
  "libfairgate_store.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/fairgate_store.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
