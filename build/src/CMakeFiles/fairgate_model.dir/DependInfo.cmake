
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/model/date.cpp" "src/CMakeFiles/fairgate_model.dir/model/date.cpp.o" "gcc" "src/CMakeFiles/fairgate_model.dir/model/date.cpp.o.d"
  "/work/main/src/model/field.cpp" "src/CMakeFiles/fairgate_model.dir/model/field.cpp.o" "gcc" "src/CMakeFiles/fairgate_model.dir/model/field.cpp.o.d"
  "/work/main/src/model/finding.cpp" "src/CMakeFiles/fairgate_model.dir/model/finding.cpp.o" "gcc" "src/CMakeFiles/fairgate_model.dir/model/finding.cpp.o.d"
  "/work/main/src/model/period.cpp" "src/CMakeFiles/fairgate_model.dir/model/period.cpp.o" "gcc" "src/CMakeFiles/fairgate_model.dir/model/period.cpp.o.d"
  "/work/main/src/model/provenance.cpp" "src/CMakeFiles/fairgate_model.dir/model/provenance.cpp.o" "gcc" "src/CMakeFiles/fairgate_model.dir/model/provenance.cpp.o.d"
  "/work/main/src/model/record.cpp" "src/CMakeFiles/fairgate_model.dir/model/record.cpp.o" "gcc" "src/CMakeFiles/fairgate_model.dir/model/record.cpp.o.d"
  "/work/main/src/model/run.cpp" "src/CMakeFiles/fairgate_model.dir/model/run.cpp.o" "gcc" "src/CMakeFiles/fairgate_model.dir/model/run.cpp.o.d"
  "/work/main/src/model/supplier_return.cpp" "src/CMakeFiles/fairgate_model.dir/model/supplier_return.cpp.o" "gcc" "src/CMakeFiles/fairgate_model.dir/model/supplier_return.cpp.o.d"
  "/work/main/src/model/value.cpp" "src/CMakeFiles/fairgate_model.dir/model/value.cpp.o" "gcc" "src/CMakeFiles/fairgate_model.dir/model/value.cpp.o.d"
  "/work/main/src/model/value_parse.cpp" "src/CMakeFiles/fairgate_model.dir/model/value_parse.cpp.o" "gcc" "src/CMakeFiles/fairgate_model.dir/model/value_parse.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
