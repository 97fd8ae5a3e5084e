file(REMOVE_RECURSE
  "CMakeFiles/fairgate_model.dir/model/date.cpp.o"
  "CMakeFiles/fairgate_model.dir/model/date.cpp.o.d"
  "CMakeFiles/fairgate_model.dir/model/field.cpp.o"
  "CMakeFiles/fairgate_model.dir/model/field.cpp.o.d"
  "CMakeFiles/fairgate_model.dir/model/finding.cpp.o"
  "CMakeFiles/fairgate_model.dir/model/finding.cpp.o.d"
  "CMakeFiles/fairgate_model.dir/model/period.cpp.o"
  "CMakeFiles/fairgate_model.dir/model/period.cpp.o.d"
  "CMakeFiles/fairgate_model.dir/model/provenance.cpp.o"
  "CMakeFiles/fairgate_model.dir/model/provenance.cpp.o.d"
  "CMakeFiles/fairgate_model.dir/model/record.cpp.o"
  "CMakeFiles/fairgate_model.dir/model/record.cpp.o.d"
  "CMakeFiles/fairgate_model.dir/model/run.cpp.o"
  "CMakeFiles/fairgate_model.dir/model/run.cpp.o.d"
  "CMakeFiles/fairgate_model.dir/model/supplier_return.cpp.o"
  "CMakeFiles/fairgate_model.dir/model/supplier_return.cpp.o.d"
  "CMakeFiles/fairgate_model.dir/model/value.cpp.o"
  "CMakeFiles/fairgate_model.dir/model/value.cpp.o.d"
  "CMakeFiles/fairgate_model.dir/model/value_parse.cpp.o"
  "CMakeFiles/fairgate_model.dir/model/value_parse.cpp.o.d"
  "libfairgate_model.a"
  "libfairgate_model.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/fairgate_model.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
