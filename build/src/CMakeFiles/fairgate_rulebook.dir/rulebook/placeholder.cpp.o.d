src/CMakeFiles/fairgate_rulebook.dir/rulebook/placeholder.cpp.o: \
 /work/main/src/rulebook/placeholder.cpp /usr/include/stdc-predef.h
