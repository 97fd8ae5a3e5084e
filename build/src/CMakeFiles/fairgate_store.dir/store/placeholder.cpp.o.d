src/CMakeFiles/fairgate_store.dir/store/placeholder.cpp.o: \
 /work/main/src/store/placeholder.cpp /usr/include/stdc-predef.h
