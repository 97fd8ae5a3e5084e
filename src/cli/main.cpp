// fairgate: the command-line entry point.
#include <malloc.h>

#include <Poco/Util/Application.h>

#include "cli/fairgate_app.hpp"

int main(int argc, char** argv) {
    // Every workbook's zip compression allocates zlib buffers larger than glibc's default
    // mmap threshold and frees them at once, so by default each workbook maps and unmaps
    // them and the heap is trimmed back to the kernel after every file: most of a small
    // workbook's cost. Keeping freed memory (bounded by the largest workbook in flight)
    // makes writing them about three times faster.
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);

    fairgate::cli::FairgateApp app;
    try {
        app.init(argc, argv);
    } catch (const Poco::Exception& e) {
        app.logger().log(e);
        return Poco::Util::Application::EXIT_CONFIG;
    }
    return app.run();
}
